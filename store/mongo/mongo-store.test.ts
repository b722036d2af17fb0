/**
 * The store contract against MongoDB. It runs only when MONGODB_URI is set, e.g.
 *   docker run --rm -d -p 27017:27017 mongo:8
 *   MONGODB_URI=mongodb://127.0.0.1:27017 npm test -- store/mongo
 * Each run uses its own database (frontdesk_test_<random>), dropped when the run ends.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { describeStoreContract } from '../contract.js';
import { openMongoStore } from './mongo-store.js';
import { collectionScans, queryShape, ranQuery, type RanQuery } from './query-plans.js';

/**
 * The URI with its database path replaced by `dbName`, query options kept. When the URI has credentials
 * and no authSource, the database it named (else admin) stays the auth source, as the driver would use.
 */
function withDatabase(uri: string, dbName: string): string {
  const queryAt = uri.indexOf('?');
  const base = queryAt === -1 ? uri : uri.slice(0, queryAt);
  const params = queryAt === -1 ? '' : uri.slice(queryAt + 1);
  const schemeEnd = base.indexOf('://');
  if (schemeEnd === -1) throw new Error('MONGODB_URI must look like mongodb://host[:port][/db][?options]');
  const slashAt = base.indexOf('/', schemeEnd + 3);
  const authority = slashAt === -1 ? base : base.slice(0, slashAt);
  const originalDb = slashAt === -1 ? '' : decodeURIComponent(base.slice(slashAt + 1));
  const options = params === '' ? [] : params.split('&');
  const hasCredentials = authority.slice(schemeEnd + 3).includes('@');
  if (hasCredentials && !options.some((o) => o.toLowerCase().startsWith('authsource='))) {
    options.push(`authSource=${encodeURIComponent(originalDb || 'admin')}`);
  }
  return `${authority}/${dbName}${options.length > 0 ? `?${options.join('&')}` : ''}`;
}

describe('withDatabase', () => {
  it('sets the database and keeps hosts and options', () => {
    expect(withDatabase('mongodb://localhost:27017', 'x')).toBe('mongodb://localhost:27017/x');
    expect(withDatabase('mongodb://localhost:27017/', 'x')).toBe('mongodb://localhost:27017/x');
    expect(withDatabase('mongodb://h1:1,h2:2/app?replicaSet=rs0', 'x')).toBe(
      'mongodb://h1:1,h2:2/x?replicaSet=rs0',
    );
    expect(withDatabase('mongodb+srv://c.example.net/?retryWrites=true', 'x')).toBe(
      'mongodb+srv://c.example.net/x?retryWrites=true',
    );
  });

  it('keeps the auth source of a URI with credentials', () => {
    expect(withDatabase('mongodb://u:p@h/app', 'x')).toBe('mongodb://u:p@h/x?authSource=app');
    expect(withDatabase('mongodb://u:p@h', 'x')).toBe('mongodb://u:p@h/x?authSource=admin');
    expect(withDatabase('mongodb://u:p@h/app?authSource=other', 'x')).toBe(
      'mongodb://u:p@h/x?authSource=other',
    );
  });
});

// eslint-disable-next-line no-restricted-syntax
const mongodbUri = process.env['MONGODB_URI'];

if (mongodbUri) {
  describe('mongo store', () => {
    const uri = withDatabase(mongodbUri, `frontdesk_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`);
    /** Warnings mongoose prints (code MONGOOSE), e.g. a deprecated option on every write. */
    const warnings: string[] = [];
    const onWarning = (w: Error & { code?: string }) => {
      if (w.code === 'MONGOOSE') warnings.push(w.message);
    };
    process.on('warning', onWarning);

    afterAll(() => {
      process.off('warning', onWarning);
      expect(warnings).toEqual([]);
    });

    afterAll(async () => {
      const connection = await mongoose
        .createConnection(uri, { serverSelectionTimeoutMS: 10000 })
        .asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    });

    // Every query the contract makes the store run, by shape, as mongoose's debug hook sees it.
    const ran = new Map<string, RanQuery>();
    beforeAll(() => {
      mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
        const q = ranQuery(collection, method, args);
        if (q) ran.set(queryShape(q), q);
      });
    });

    describeStoreContract('mongo', () => openMongoStore(uri));

    it('explain(): no query the store ran scans a whole collection (an index serves each)', async () => {
      mongoose.set('debug', false);
      expect(ran.size).toBeGreaterThan(20);
      const connection = await mongoose.createConnection(uri).asPromise();
      try {
        const db = connection.db;
        if (!db) throw new Error('no database on the connection');
        const scans: string[] = [];
        for (const q of ran.values()) {
          const cursor = db.collection(q.collection).find(q.filter, q.sort ? { sort: q.sort } : {});
          if (collectionScans(await cursor.explain('queryPlanner')).length > 0)
            scans.push(
              `${q.collection}.${q.method} ${JSON.stringify(q.filter)} sort ${JSON.stringify(q.sort)}`,
            );
        }
        expect(scans).toEqual([]);
      } finally {
        await connection.close();
      }
    });
  });
} else {
  describe.skip('mongo store (set MONGODB_URI to run)', () => {
    describeStoreContract('mongo', () => Promise.reject(new Error('MONGODB_URI is not set')));
    it('explain(): no query the store ran scans a whole collection (COLLSCAN fails)', () => undefined);
  });
}
