import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKb } from '../load.js';
import { KnowledgeBaseIndex } from '../knowledge-base.js';
import { decide, effectiveSettings, type PolicySettings } from '../policy.js';
import { SemanticEngine } from './engine.js';
import { HttpEmbedder, type EmbeddingsFailureReason } from './http-embedder.js';
import {
  startToyEmbeddingsServer,
  type ToyEmbeddingsServer,
  type ToyMode,
} from '../../test/helpers/embeddings-server.js';
import { repoRoot } from '../../test/helpers/server.js';

const content = path.join(repoRoot, 'test', 'fixtures', 'semantic-content');
const base: PolicySettings = { answerThreshold: 0.25, clarifyMargin: 0.05 };
/** Shares no word with the article "How do I reset my password?" nor its questions. */
const paraphrase = 'recall credentials';

describe('the semantic engine (kb/embeddings/) with a toy OpenAI-compatible embedding server', () => {
  let server: ToyEmbeddingsServer;
  let index: KnowledgeBaseIndex;
  let cacheDir: string;
  const engines: SemanticEngine[] = [];
  const failures: EmbeddingsFailureReason[] = [];
  const warnings: Array<Record<string, unknown>> = [];

  const engine = (model = 'toy-1', options: { retryMs?: number; timeoutMs?: number } = {}) => {
    const e = new SemanticEngine({
      embedder: new HttpEmbedder({ url: server.url, model, apiKey: 'sk-test' }),
      cacheDir,
      timeoutMs: options.timeoutMs ?? 300,
      retryMs: options.retryMs ?? 60_000,
      warn: (fields) => warnings.push(fields),
    });
    e.onFailure((reason) => failures.push(reason));
    engines.push(e);
    return e;
  };
  const inputs = () => server.requests.reduce((n, r) => n + r.length, 0);
  const settings = (e: SemanticEngine | null): PolicySettings =>
    effectiveSettings(base, {}, e ? e.chosenSettings(index, 'en') : index.chosenSettings('en'));

  beforeAll(async () => {
    server = await startToyEmbeddingsServer();
    index = await KnowledgeBaseIndex.build(await loadKb(content));
  });
  afterEach(() => {
    server.mode = 'ok';
    failures.length = 0;
    warnings.length = 0;
    for (const e of engines.splice(0)) e.close();
  });
  afterAll(() => server.close());

  beforeEach(() => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'fd-emb-'));
  });

  it('(a) resolves a paraphrase without lexical overlap that the lexical matcher does not', async () => {
    const resolves = (d: ReturnType<typeof decide>) =>
      (d.kind === 'answer' && d.candidate.articleId === 'reset-password') ||
      (d.kind === 'offer' && d.options.some((o) => o.articleId === 'reset-password'));
    const lexical = decide(await index.match(paraphrase, 'en', 5), settings(null));
    expect(resolves(lexical)).toBe(false);

    const e = engine();
    expect(await e.prepare(index)).toBe(true);
    const candidates = await e.match(index, paraphrase, 'en', 5);
    expect(candidates[0]?.articleId).toBe('reset-password');
    expect(resolves(decide(candidates, settings(e)))).toBe(true);
    expect(server.tokens.every((t) => t === 'sk-test')).toBe(true);
  });

  it('(b) falls back to the lexical answer within the timeout when the server is slow, warns once and counts', async () => {
    const e = engine('toy-1', { timeoutMs: 200 });
    expect(await e.prepare(index)).toBe(true);
    server.mode = 'slow';
    const question = 'promo code not working';
    const lexical = await index.match(question, 'en', 5);
    const got = await e.match(index, question, 'en', 5);
    expect(got).toEqual(lexical);
    // Answered on the timeout, not on the server's late answer (still pending).
    expect(server.pendingAnswers).toBe(1);
    expect(await e.match(index, 'apply a coupon', 'en', 5)).toEqual(
      await index.match('apply a coupon', 'en', 5),
    );
    expect(failures).toEqual(['timeout', 'timeout']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ reason: 'timeout', phase: 'query' });
  });

  it('(b) falls back when the server is down, and a KB loaded while it was down goes semantic on a retry', async () => {
    const down = new SemanticEngine({
      embedder: new HttpEmbedder({ url: 'http://127.0.0.1:9', model: 'toy-1' }),
      cacheDir,
      timeoutMs: 300,
      warn: (fields) => warnings.push(fields),
    });
    engines.push(down);
    down.onFailure((reason) => failures.push(reason));
    expect(await down.prepare(index)).toBe(false);
    expect(await down.match(index, paraphrase, 'en', 5)).toEqual(await index.match(paraphrase, 'en', 5));
    expect(failures).toEqual(['unreachable']);

    server.mode = 'http-error';
    const e = engine('toy-1', { retryMs: 50 });
    expect(await e.prepare(index)).toBe(false);
    expect(e.ready(index)).toBe(false);
    server.mode = 'ok';
    const until = Date.now() + 5000;
    while (!e.ready(index) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(e.ready(index)).toBe(true);
  });

  it('(c) caches the article embeddings on disk: a restart embeds no article, another model embeds them again', async () => {
    const before = inputs();
    expect(await engine('toy-1').prepare(index)).toBe(true);
    const first = inputs() - before;
    expect(first).toBeGreaterThanOrEqual(30);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('emb-'))).toHaveLength(1);

    const restarted = engine('toy-1');
    expect(await restarted.prepare(index)).toBe(true);
    expect(inputs() - before).toBe(first);
    expect(restarted.articleTextsEmbedded).toBe(0);
    await restarted.match(index, paraphrase, 'en', 5);
    expect(inputs() - before).toBe(first + 1);

    const other = engine('toy-2');
    expect(await other.prepare(index)).toBe(true);
    expect(other.articleTextsEmbedded).toBe(first);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('emb-'))).toHaveLength(2);
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const malformed: Array<[ToyMode, EmbeddingsFailureReason]> = [
    ['shape', 'invalid'],
    ['count', 'invalid'],
    ['dims', 'invalid'],
    ['infinite', 'invalid'],
    ['not-json', 'invalid'],
    ['http-error', 'http'],
  ];

  it.each(malformed)(
    '(d) a %s answer to a question is a failure (%s): the lexical answer, no crash',
    async (mode, reason) => {
      const e = engine();
      expect(await e.prepare(index)).toBe(true);
      server.mode = mode;
      const question = `${mode} talk to a human`;
      expect(await e.match(index, question, 'en', 5)).toEqual(await index.match(question, 'en', 5));
      expect(failures).toEqual([reason]);
    },
  );

  it.each(malformed.filter(([mode]) => mode !== 'dims'))(
    '(d) a %s answer while embedding the articles leaves the KB lexical (%s)',
    async (mode, reason) => {
      server.mode = mode;
      const e = engine();
      expect(await e.prepare(index)).toBe(false);
      expect(failures).toEqual([reason]);
      expect(await e.match(index, paraphrase, 'en', 5)).toEqual(await index.match(paraphrase, 'en', 5));
    },
  );
});
