import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startFrontdesk } from '../server/frontdesk.js';
import { BotFrameworkPeer, personalMessage, postActivity, teamsUser } from '../test/helpers/bot-framework.js';
import { roundedPercentile } from './percentile.js';

const questions = [
  'how do I reset my password',
  'what payment methods do you accept',
  'How can I track my parcel?',
  'Siparişimi nasıl takip edebilirim?',
  'Miten voin seurata tilaustani?',
  'when will I get my refund',
];

/**
 * `npm run bench:teams`: the Teams listener on the demo content, against local Bot Framework peers (OpenID
 * metadata + JWKS, token endpoint, connector). For `--n` activities (default 200, one new user each, sent
 * one after another, each with a freshly signed RS256 token): the time from the POST to the connector
 * receiving the reply message, and to the HTTP 200. Last line JSON (ms).
 */
async function main(): Promise<void> {
  const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 200;
  const peer = await new BotFrameworkPeer().start();
  const replies = new Map<string, (at: number) => void>();
  peer.onCall = (call) => {
    if (call.body.type === 'message') replies.get(call.conversationId)?.(performance.now());
  };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-teams-'));
  const contentDir = mkdtempSync(path.join(os.tmpdir(), 'fd-bench-content-'));
  cpSync(path.resolve('content'), contentDir, { recursive: true });
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    KB_WATCH: 'false',
    MICROSOFT_APP_ID: peer.appId,
    MICROSOFT_APP_PASSWORD: peer.appPassword,
    TEAMS_PORT: '0',
  });
  const silent = new Writable({ write: (_c, _e, done) => done() });
  const app = await startFrontdesk(config, createLogger('error', silent), {
    teamsEndpoints: peer.endpoints(),
  });
  const toReply: number[] = [];
  const toAck: number[] = [];
  for (let i = 0; i < n; i++) {
    const activity = personalMessage(peer, teamsUser(`User ${i}`), questions[i % questions.length]);
    const authorization = `Bearer ${await peer.channelToken()}`;
    // The time the connector got the reply (the turn runs inside the request, before its 200).
    const replied = new Promise<number>((resolve) => replies.set(activity.conversation.id, resolve));
    const started = performance.now();
    const res = await postActivity(app.teamsUrl ?? '', activity, authorization);
    toAck.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`the Teams listener answered ${res.status}`);
    toReply.push((await replied) - started);
    replies.delete(activity.conversation.id);
  }
  await app.close();
  await peer.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(contentDir, { recursive: true, force: true });
  const summary = {
    activities: n,
    activityToReplyMs: { p50: roundedPercentile(toReply, 50), p99: roundedPercentile(toReply, 99) },
    activityTo200Ms: { p50: roundedPercentile(toAck, 50), p99: roundedPercentile(toAck, 99) },
  };
  console.log(
    `activity → reply at the connector p50 ${summary.activityToReplyMs.p50} ms, p99 ${summary.activityToReplyMs.p99} ms`,
  );
  console.log(
    `activity → HTTP 200 (turn done)   p50 ${summary.activityTo200Ms.p50} ms, p99 ${summary.activityTo200Ms.p99} ms`,
  );
  console.log(JSON.stringify(summary));
}

await main();
