import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LiveKnowledgeBase } from '../live-kb.js';
import { SemanticEngine } from './engine.js';
import { HttpEmbedder } from './http-embedder.js';
import { startToyEmbeddingsServer, type ToyEmbeddingsServer } from '../../test/helpers/embeddings-server.js';
import { repoRoot } from '../../test/helpers/server.js';

describe('the live KB with the semantic engine', () => {
  let toy: ToyEmbeddingsServer;
  let dir: string;

  beforeAll(async () => {
    toy = await startToyEmbeddingsServer();
    dir = mkdtempSync(path.join(os.tmpdir(), 'fd-live-emb-'));
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'semantic-content'), path.join(dir, 'content'), {
      recursive: true,
    });
  });
  afterAll(async () => {
    await toy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches semantically after open, and a reload embeds only the texts that changed', async () => {
    const engine = new SemanticEngine({
      embedder: new HttpEmbedder({ url: toy.url, model: 'toy-live' }),
      cacheDir: path.join(dir, 'cache'),
      timeoutMs: 300,
    });
    const kb = await LiveKnowledgeBase.open(path.join(dir, 'content'), {}, { semantic: engine });
    try {
      const first = engine.articleTextsEmbedded;
      expect(first).toBe(30);
      expect((await kb.match('recall credentials', 'en'))[0]?.articleId).toBe('reset-password');

      const file = path.join(dir, 'content', 'kb', 'en', 'contact-us.md');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          '  - phone number\n',
          '  - phone number\n  - ring the switchboard operator\n',
        ),
      );
      await kb.reload();
      expect(engine.articleTextsEmbedded).toBe(first + 1);
      expect(kb.articles('en').find((a) => a.id === 'contact-us')?.questions).toContain(
        'ring the switchboard operator',
      );
      expect((await kb.match('recall credentials', 'en'))[0]?.articleId).toBe('reset-password');
    } finally {
      await kb.close();
    }
  });
});
