import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startFrontdesk } from '../server/frontdesk.js';
import { roundedPercentile } from './percentile.js';

const questions = [
  'how do I reset my password',
  'what payment methods do you accept',
  'How can I track my parcel?',
  'Miten voin seurata tilaustani?',
  'كيف أتتبع طلبي؟',
  'when will I get my refund',
];
const token = 'EAAG-bench-page-token-0123456789';
const appSecret = 'bench-app-secret-0123456789';

/**
 * `npm run bench:messenger`: the Messenger webhook on the demo content, against a local Graph API. For
 * `--n` signed events (default 200, one new sender each, sent one after another): the acknowledgement
 * latency (POST → 200) and the time from the POST to the Send API call carrying the reply. Last line JSON (ms).
 */
async function main(): Promise<void> {
  const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 200;
  const replies = new Map<string, () => void>();
  const graph = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        recipient: { id: string };
        message?: unknown;
      };
      if (body.message) replies.get(body.recipient.id)?.();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"message_id":"m"}');
    });
  });
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', () => resolve()));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-msg-'));
  const contentDir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-content-'));
  cpSync(path.resolve('content'), contentDir, { recursive: true });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    KB_WATCH: 'false',
    MESSENGER_PAGE_ACCESS_TOKEN: token,
    MESSENGER_APP_SECRET: appSecret,
    MESSENGER_VERIFY_TOKEN: 'bench-verify-token',
    MESSENGER_GRAPH_URL: `http://127.0.0.1:${(graph.address() as AddressInfo).port}`,
  });
  const silent = new Writable({ write: (_c, _e, done) => done() });
  const app = await startFrontdesk(config, createLogger('error', silent));
  const ack: number[] = [];
  const endToEnd: number[] = [];
  for (let i = 0; i < n; i++) {
    const psid = `bench-${i}`;
    const raw = JSON.stringify({
      object: 'page',
      entry: [
        {
          id: 'PAGE',
          time: Date.now(),
          messaging: [
            {
              sender: { id: psid },
              recipient: { id: 'PAGE' },
              timestamp: Date.now(),
              message: { mid: `mid-${i}`, text: questions[i % questions.length] },
            },
          ],
        },
      ],
    }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const signature = `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
    const replied = new Promise<void>((resolve) => replies.set(psid, resolve));
    const started = performance.now();
    const res = await fetch(`${app.url}/channels/messenger/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body: raw,
    });
    ack.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    await replied;
    endToEnd.push(performance.now() - started);
  }
  await app.close();
  await new Promise<void>((resolve) => graph.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(contentDir, { recursive: true, force: true });
  const summary = {
    events: n,
    ackMs: { p50: roundedPercentile(ack, 50), p99: roundedPercentile(ack, 99) },
    webhookToSendMs: { p50: roundedPercentile(endToEnd, 50), p99: roundedPercentile(endToEnd, 99) },
  };
  console.log(`webhook acknowledgement  p50 ${summary.ackMs.p50} ms, p99 ${summary.ackMs.p99} ms`);
  console.log(
    `webhook → Send API reply p50 ${summary.webhookToSendMs.p50} ms, p99 ${summary.webhookToSendMs.p99} ms`,
  );
  console.log(JSON.stringify(summary));
}

await main();
