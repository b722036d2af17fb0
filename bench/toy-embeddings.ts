import { startToyEmbeddingsServer } from './toy-embeddings-server.js';

/**
 * `node dist/bench/toy-embeddings.js`: runs the TOY embedding server (bag-of-words hashing with a small
 * synonym table; not a model) on a free loopback port and prints its URL, so `frontdesk kb eval` can be run
 * with EMBEDDINGS_URL set offline. Stops on Ctrl-C or after an hour.
 */
const server = await startToyEmbeddingsServer();
process.stdout.write(`${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setTimeout(stop, 3_600_000).unref();
