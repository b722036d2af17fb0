import { describe, expect, it } from '@jest/globals';
import { AppError } from '../common/errors.js';
import { loadConfig } from './config.js';

describe('the semantic engine settings (EMBEDDINGS_*)', () => {
  it('is off by default', () => {
    expect(loadConfig({}).embeddings).toBeUndefined();
  });

  it('reads the server, the model, the key and the timeout (300 ms by default)', () => {
    expect(
      loadConfig({ EMBEDDINGS_URL: 'http://127.0.0.1:11434', EMBEDDINGS_MODEL: 'nomic-embed-text' })
        .embeddings,
    ).toEqual({
      url: 'http://127.0.0.1:11434',
      model: 'nomic-embed-text',
      apiKey: undefined,
      timeoutMs: 300,
    });
    expect(
      loadConfig({
        EMBEDDINGS_URL: 'http://tei:8080',
        EMBEDDINGS_MODEL: 'bge-m3',
        EMBEDDINGS_API_KEY: 'sk-secret',
        EMBEDDINGS_TIMEOUT_MS: '800',
      }).embeddings,
    ).toMatchObject({ apiKey: 'sk-secret', timeoutMs: 800 });
  });

  it('lists every problem, never echoing the key', () => {
    let error: unknown;
    try {
      loadConfig({
        EMBEDDINGS_URL: 'ftp://x',
        EMBEDDINGS_TIMEOUT_MS: 'soon',
        EMBEDDINGS_API_KEY: 'sk-secret',
      });
    } catch (err) {
      error = err;
    }
    const details = (error as AppError).details.join('\n');
    expect(details).toContain('EMBEDDINGS_URL: must be http(s)://');
    expect(details).toContain('EMBEDDINGS_TIMEOUT_MS: must be a number');
    expect(details).not.toContain('sk-secret');
    expect(() => loadConfig({ EMBEDDINGS_URL: 'http://127.0.0.1:8080' })).toThrow(AppError);
    expect(() => loadConfig({ EMBEDDINGS_MODEL: 'bge-m3' })).toThrow(AppError);
  });
});
