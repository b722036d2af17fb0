/**
 * For tests only: a tiny MongoDB wire-protocol peer on 127.0.0.1, enough for the real driver to connect
 * (hello), for mongoose to set up (create collections and indexes) and for reads to find nothing. Then it
 * can go silent: it keeps answering the driver's monitoring (hello), so the server stays selectable, and
 * never answers anything else, as a MongoDB that accepts but does not answer. Not a database: it stores
 * nothing.
 */
import net from 'node:net';
import mongoose from 'mongoose';

const { BSON } = mongoose.mongo;
type Doc = Record<string, unknown>;

const opReply = 1;
const opQuery = 2004;
const opMsg = 2013;

export interface FakeMongod {
  readonly port: number;
  /** Stop answering everything but hello. */
  silent: boolean;
  /** The command names received, in order. */
  readonly commands: string[];
  /** The databases commands named (`$db`). */
  readonly databases: Set<string>;
  close(): Promise<void>;
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(16);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

function msgReply(responseTo: number, doc: Doc): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const flags = Buffer.alloc(5); // flagBits 0, section kind 0
  return Buffer.concat([header(16 + 5 + body.length, 0, responseTo, opMsg), flags, body]);
}

function legacyReply(responseTo: number, doc: Doc): Buffer {
  const body = Buffer.from(BSON.serialize(doc));
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(1, 16); // numberReturned; flags, cursorId, startingFrom 0
  return Buffer.concat([header(16 + 20 + body.length, 0, responseTo, opReply), fields, body]);
}

const hello = (): Doc => ({
  ok: 1,
  helloOk: true,
  isWritablePrimary: true,
  ismaster: true,
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: 1,
  minWireVersion: 0,
  maxWireVersion: 21,
});

/** The answer to a command when answering: hello, an empty cursor, or a plain ok. */
function answer(command: Doc): Doc {
  const name = Object.keys(command)[0] ?? '';
  if (name === 'hello' || name.toLowerCase() === 'ismaster') return hello();
  const db = typeof command['$db'] === 'string' ? command['$db'] : 'test';
  if (['find', 'aggregate', 'listIndexes', 'listCollections'].includes(name))
    return {
      ok: 1,
      cursor: { id: BSON.Long.fromNumber(0), ns: `${db}.${String(command[name])}`, firstBatch: [] },
    };
  if (name === 'findAndModify')
    return { ok: 1, value: null, lastErrorObject: { n: 0, updatedExisting: false } };
  return { ok: 1, n: 0, nModified: 0 };
}

const isHello = (name: string): boolean => name === 'hello' || name.toLowerCase() === 'ismaster';

export async function startFakeMongod(): Promise<FakeMongod> {
  const sockets = new Set<net.Socket>();
  const state = { silent: false, commands: [] as string[], databases: new Set<string>() };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
        const length = pending.readInt32LE(0);
        const message = pending.subarray(0, length);
        pending = pending.subarray(length);
        const requestId = message.readInt32LE(4);
        const opCode = message.readInt32LE(12);
        let command: Doc;
        if (opCode === opMsg) {
          // flagBits (4), then section kind 0 (1) and its document.
          const size = message.readInt32LE(21);
          command = BSON.deserialize(message.subarray(21, 21 + size));
        } else if (opCode === opQuery) {
          const nameEnd = message.indexOf(0, 20);
          const at = nameEnd + 1 + 8;
          command = BSON.deserialize(message.subarray(at, at + message.readInt32LE(at)));
        } else continue;
        const name = Object.keys(command)[0] ?? '';
        state.commands.push(name);
        if (typeof command['$db'] === 'string') state.databases.add(command['$db']);
        if (state.silent && !isHello(name)) continue;
        const reply = answer(command);
        socket.write(opCode === opMsg ? msgReply(requestId, reply) : legacyReply(requestId, reply));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    get silent() {
      return state.silent;
    },
    set silent(v: boolean) {
      state.silent = v;
    },
    commands: state.commands,
    databases: state.databases,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
