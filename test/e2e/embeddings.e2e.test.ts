import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ChatClient } from '../helpers/chat-client.js';
import { startToyEmbeddingsServer, type ToyEmbeddingsServer } from '../helpers/embeddings-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const token = 'metrics-token-0123456789abcdef';

describe('the real server with the optional semantic engine (EMBEDDINGS_URL, a toy embedding server)', () => {
  let toy: ToyEmbeddingsServer;
  let server: TestServer;

  beforeAll(async () => {
    toy = await startToyEmbeddingsServer();
    server = await startTestServer({
      EMBEDDINGS_URL: `${toy.url}/v1`,
      EMBEDDINGS_MODEL: 'toy-hashing',
      EMBEDDINGS_TIMEOUT_MS: '300',
      METRICS_TOKEN: token,
      KB_CHOOSE_THRESHOLDS: 'true',
    });
  }, 120_000);
  afterAll(async () => {
    await server.stop();
    await toy.close();
  });

  it('answers a web chat turn with the semantic evidence, then lexically (counted, warned once) when the server is slow', async () => {
    expect(
      readdirSync(path.join(server.dataDir, 'kb-cache')).some((f) => /^emb-[0-9a-f]+\.bin$/.test(f)),
    ).toBe(true);
    const visitor = new ChatClient(server.url, {});
    try {
      await visitor.session();
      // "consignment" and "locate" are in no article: the lexical matcher only offers; the toy maps them
      // to "order" and "track".
      const [semantic] = await visitor.ask('locate my consignment');
      expect(semantic?.articleId).toBe('track-order');

      toy.mode = 'slow';
      const [first] = await visitor.ask('How can I track my parcel?');
      const [second] = await visitor.ask('what payment methods do you accept');
      expect([first?.articleId, second?.articleId]).toEqual(['track-order', 'payment-methods']);
    } finally {
      visitor.close();
    }
    const warnings = server.logs.filter((l) => String(l.msg).startsWith('embedding server failed'));
    expect(warnings).toHaveLength(1);
    const metrics = await (
      await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
    ).text();
    expect(metrics).toContain('frontdesk_embeddings_failures_total{reason="timeout"} 2');
  });
});
