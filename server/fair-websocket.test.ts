import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { FairWebSocketServer } from './fair-websocket.js';

let http: HttpServer | null = null;
let client: Socket | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  http = null;
});

/**
 * A real socket.io server (with `options`) and client: the client writes `count` events at once, and the
 * server notes the turn of the event loop (a setImmediate counter) each was handled in.
 */
async function turnsOfABurst(options: ConstructorParameters<typeof Server>[1], count: number) {
  http = createServer();
  const io = new Server(http, options);
  await new Promise<void>((resolve) => http?.listen(0, '127.0.0.1', () => resolve()));
  let turn = 0;
  let ticking = true;
  const tick = () => {
    turn++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const turns: number[] = [];
  const all = new Promise<void>((resolve) =>
    io.on('connection', (s) =>
      s.on('m', () => {
        turns.push(turn);
        if (turns.length === count) resolve();
      }),
    ),
  );
  client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve) => client?.once('connect', () => resolve()));
  for (let i = 0; i < count; i++) client.emit('m', i);
  await all;
  ticking = false;
  io.close();
  return new Set(turns).size;
}

describe('FairWebSocketServer', () => {
  it("hands a socket's messages written at once over one per turn of the event loop", async () => {
    expect(await turnsOfABurst({ wsEngine: FairWebSocketServer }, 5)).toBe(5);
  });

  it("differs from ws's default, which hands them all over in one turn", async () => {
    expect(await turnsOfABurst({}, 5)).toBe(1);
  });
});
