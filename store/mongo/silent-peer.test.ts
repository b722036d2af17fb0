import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCatalog, isStoreUnavailable } from '../../common/errors.js';
import type { Store } from '../ports.js';
import { startFakeMongod, type FakeMongod } from './fake-mongod.js';
import { openMongoStore } from './mongo-store.js';

/**
 * The real driver and mongoose against a peer that answers the handshake and set-up, then accepts every
 * operation and never answers (fake-mongod.ts): with the URI's `socketTimeoutMS`, each store call fails
 * as STORE_UNAVAILABLE after about that long (twice, when the driver retries) instead of hanging.
 */
let peer: FakeMongod;
let store: Store;
const timeoutMs = 400;

beforeAll(async () => {
  peer = await startFakeMongod();
  store = await openMongoStore(
    `mongodb://127.0.0.1:${peer.port}/?socketTimeoutMS=${timeoutMs}&directConnection=true`,
  );
});
afterAll(async () => {
  peer.silent = false;
  await store.close();
  await peer.close();
});

describe('the MongoDB store against a server that stops answering', () => {
  it('set up against the peer: its database is frontdesk and every index was asked for', () => {
    expect(peer.commands).toContain('createIndexes');
    // The URI names no database: the store's is frontdesk, never the driver's `test`.
    expect([...peer.databases].filter((d) => d !== 'admin')).toEqual(['frontdesk']);
  });

  it('a read, an upsert and an insert each fail as STORE_UNAVAILABLE within the operation timeout', async () => {
    peer.silent = true;
    for (const call of [
      () => store.conversations.find('web', 'v1'),
      () => store.conversations.open({ channel: 'web', visitorKey: 'v1', lang: 'en' }),
      () => store.unresolved.record({ conversationId: 'c', lang: 'en', text: 'q', candidates: [] }),
    ]) {
      const started = Date.now();
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isStoreUnavailable(err)).toBe(true);
      // The driver's network timeout mapped by the guard, not the guard's own deadline ("did not answer within").
      expect((err as Error).message).toBe(errorCatalog.STORE_UNAVAILABLE.message);
      // The driver's socket timeout (a retryable read or write tries twice), not the guard's safety net
      // (socketTimeoutMS + 2 s).
      expect(Date.now() - started).toBeLessThan(2 * timeoutMs + 600);
    }
  });
});
