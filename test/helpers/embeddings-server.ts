/** The toy OpenAI-compatible embedding server (bench/toy-embeddings-server.ts), for tests. */
export {
  startToyEmbeddingsServer,
  toyEmbedding,
  toyDims,
  type ToyEmbeddingsServer,
  type ToyMode,
} from '../../bench/toy-embeddings-server.js';
