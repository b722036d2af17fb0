import { SemanticEngine } from '../kb/embeddings/engine.js';
import { HttpEmbedder } from '../kb/embeddings/http-embedder.js';
import type { Config } from './config.js';
import { kbCacheDir } from './kb-cache-dir.js';
import type { Logger } from './logger.js';

/**
 * The optional semantic engine from the configuration (EMBEDDINGS_URL, EMBEDDINGS_MODEL,
 * EMBEDDINGS_API_KEY, EMBEDDINGS_TIMEOUT_MS); null when EMBEDDINGS_URL is unset (the default). The article
 * embeddings are cached in DATA_DIR/kb-cache beside the trained model.
 */
export function semanticEngine(
  config: Pick<Config, 'embeddings' | 'dataDir'>,
  log: Pick<Logger, 'warn'> | null,
  options: { retryMs?: number } = {},
): SemanticEngine | null {
  const e = config.embeddings;
  if (!e) return null;
  return new SemanticEngine({
    embedder: new HttpEmbedder({ url: e.url, model: e.model, apiKey: e.apiKey }),
    cacheDir: kbCacheDir(config),
    timeoutMs: e.timeoutMs,
    ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    ...(log ? { warn: (fields: Record<string, unknown>, message: string) => log.warn(fields, message) } : {}),
  });
}
