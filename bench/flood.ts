import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { loadConfig, processEnv } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startFrontdesk } from '../server/frontdesk.js';
import { rateLimitsOff } from './server-env.js';
import { percentile } from '../common/percentile.js';

/**
 * `node dist/bench/flood.js [--sockets 200 --messages 20 --limits off --times]`: the server in this process on a
 * loopback port; a child process opens `sockets` sockets from 127.0.0.1, each sending `messages` at once,
 * while a bystander (another address, told by X-Forwarded-For through TRUST_PROXY=loopback) asks 20
 * questions one at a time. Prints the bystander's reply times (p50/p99), what the flood got, and the
 * server's RSS. The last line is JSON.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sockets: { type: 'string', default: '200' },
      messages: { type: 'string', default: '20' },
      limits: { type: 'string', default: 'on' },
      times: { type: 'boolean', default: false },
    },
  });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-flood-'));
  const config = loadConfig({
    ...processEnv(),
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    CONTENT_DIR: processEnv()['CONTENT_DIR'] ?? 'content',
    LOG_LEVEL: 'silent',
    KB_WATCH: 'false',
    TRUST_PROXY: 'loopback',
    ...(values.limits === 'off' ? rateLimitsOff : {}),
  });
  const app = await startFrontdesk(config, createLogger('silent'));
  const rssBefore = process.memoryUsage().rss;

  const bystander = io(`${app.url}/chat`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { 'x-forwarded-for': '203.0.113.7' },
  });
  let replies = 0;
  bystander.on('message', (m: { role: string }) => {
    if (m.role === 'bot') replies++;
  });
  await new Promise<void>((resolve) => bystander.once('session', () => resolve()));

  const flood = fork(path.join(path.dirname(new URL(import.meta.url).pathname), 'flood-client.js'), [
    app.url,
    values.sockets,
    values.messages,
  ]);
  await new Promise<void>((resolve) => flood.once('message', () => resolve()));
  const floodDone = new Promise<Record<string, number>>((resolve) =>
    flood.on('message', (m: { done?: Record<string, number> }) => {
      if (m.done) resolve(m.done);
    }),
  );
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  flood.send({ go: true });

  const times: number[] = [];
  let refusedBystander = 0;
  for (let i = 0; i < 20; i++) {
    const before = replies;
    const t = performance.now();
    const ack = (await bystander
      .timeout(30_000)
      .emitWithAck('send', { id: `b${i}`, text: 'What are your opening hours?' })) as { ok: boolean };
    if (!ack.ok) refusedBystander++;
    const start = Date.now();
    if (ack.ok)
      while (replies === before && Date.now() - start < 30_000) await new Promise((r) => setTimeout(r, 1));
    times.push(performance.now() - t);
  }
  const flooded = await floodDone;
  loop.disable();
  const rssAfter = process.memoryUsage().rss;
  bystander.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });

  if (values.times)
    process.stderr.write(`bystander reply times (ms, in order): ${times.map(Math.round).join(' ')}\n`);
  times.sort((a, b) => a - b);
  const pct = (p: number) => percentile(times, p, 'floor');
  const result = {
    limits: values.limits,
    sockets: Number(values.sockets),
    messagesPerSocket: Number(values.messages),
    flood: flooded,
    bystanderRefused: refusedBystander,
    bystanderP50Ms: round(pct(0.5)),
    bystanderP99Ms: round(pct(0.99)),
    loopDelayMaxMs: round(loop.max / 1e6),
    loopDelayP99Ms: round(loop.percentile(99) / 1e6),
    rssBeforeMb: round(rssBefore / 1e6),
    rssAfterMb: round(rssAfter / 1e6),
  };
  process.stdout.write(
    `flood (limits ${result.limits}): ${result.sockets} sockets × ${result.messagesPerSocket} messages from one address\n` +
      `  flood got      ${JSON.stringify(flooded)}\n` +
      `  bystander p50 / p99   ${result.bystanderP50Ms} ms / ${result.bystanderP99Ms} ms over 20 questions\n` +
      `  event loop     delay p99 ${result.loopDelayP99Ms} ms, max ${result.loopDelayMaxMs} ms during the flood\n` +
      `  server RSS     ${result.rssBeforeMb} MB before, ${result.rssAfterMb} MB after\n`,
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

await main();
