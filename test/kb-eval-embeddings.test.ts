import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { frontdesk } from './helpers/cli.js';
import { startToyEmbeddingsServer, type ToyEmbeddingsServer } from './helpers/embeddings-server.js';
import { repoRoot } from './helpers/server.js';

const content = path.join(repoRoot, 'test', 'fixtures', 'semantic-content');

/** `frontdesk kb eval` with EMBEDDINGS_URL: the same engine as the server, so its effect can be measured. */
describe('frontdesk kb eval with the semantic engine (a toy embedding server)', () => {
  let toy: ToyEmbeddingsServer;
  let dir: string;
  let cases: string;

  beforeAll(async () => {
    toy = await startToyEmbeddingsServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'fd-eval-emb-'));
    cases = path.join(dir, 'cases.jsonl');
    writeFileSync(
      cases,
      [
        { text: 'recall credentials', lang: 'en', expect: 'reset-password' },
        { text: 'what is the weather like in Paris', lang: 'en', expect: null },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
  });
  afterAll(async () => {
    await toy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const evaluate = (env: Record<string, string>) =>
    frontdesk(['kb', 'eval', '--content', content, '--cases', cases, '--json'], {
      env: { DATA_DIR: path.join(dir, 'data'), ANSWER_THRESHOLD: '0.5', ...env },
    });
  const top1 = (stdout: string): unknown =>
    (JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { top1?: unknown }).top1;

  it('ranks the paraphrase right with the engine and not without it, caching the articles in DATA_DIR', async () => {
    const lexical = await evaluate({});
    expect(lexical.code).toBe(0);
    expect(top1(lexical.stdout)).toBe(0);

    const semantic = await evaluate({ EMBEDDINGS_URL: toy.url, EMBEDDINGS_MODEL: 'toy-hashing' });
    expect(semantic.code).toBe(0);
    expect(semantic.stderr).toContain('semantic engine on (model toy-hashing); 0 failed call(s)');
    expect(top1(semantic.stdout)).toBe(1);
    expect(readdirSync(path.join(dir, 'data', 'kb-cache')).some((f) => f.startsWith('emb-'))).toBe(true);
  }, 180_000);

  it('evaluates lexically, and says so, when the server fails', async () => {
    toy.mode = 'http-error';
    try {
      const r = await evaluate({ EMBEDDINGS_URL: toy.url, EMBEDDINGS_MODEL: 'another-model' });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        'the embedding server failed while embedding the articles: evaluating lexically',
      );
    } finally {
      toy.mode = 'ok';
    }
  }, 180_000);
});
