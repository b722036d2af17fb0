import { describe, expect, it } from '@jest/globals';
import {
  defaultOperationTimeoutMs,
  defaultServerSelectionTimeoutMs,
  isUnavailableError,
  maskPassword,
  maskUri,
  mongoConnectOptions,
  operationTimeoutMs,
  parseMongoUri,
  resolveDbName,
  unreachableMessage,
} from './connection.js';

const named = (name: string, message = 'x', extra: Record<string, unknown> = {}): Error =>
  Object.assign(new Error(message), { name }, extra);

describe('the MongoDB database', () => {
  it('is frontdesk when the URI names none (the README example, an Atlas URI), never test', () => {
    expect(resolveDbName('mongodb://127.0.0.1:27017')).toBe('frontdesk');
    expect(resolveDbName('mongodb://127.0.0.1:27017/')).toBe('frontdesk');
    expect(resolveDbName('mongodb+srv://u:p@c0.ab1cd.mongodb.net/?retryWrites=true&w=majority')).toBe(
      'frontdesk',
    );
  });

  it("is the URI's when it names one, and MONGODB_DB_NAME's when that is set", () => {
    expect(resolveDbName('mongodb://h1:1,h2:2/support?replicaSet=rs0')).toBe('support');
    expect(resolveDbName('mongodb://h/support', 'other')).toBe('other');
    expect(resolveDbName('mongodb://h', 'other')).toBe('other');
  });

  it('is passed as dbName beside the URI, so the URI path stays the auth source', () => {
    expect(mongoConnectOptions('mongodb://u:p@h/admin').dbName).toBe('admin');
    expect(mongoConnectOptions('mongodb://u:p@h/admin', 'frontdesk').dbName).toBe('frontdesk');
  });
});

describe('the driver options', () => {
  it('default to a failover-tolerant selection timeout and a per-operation timeout', () => {
    const o = mongoConnectOptions('mongodb://h1,h2,h3/?replicaSet=rs0');
    expect(o).toEqual({
      dbName: 'frontdesk',
      serverSelectionTimeoutMS: defaultServerSelectionTimeoutMs,
      socketTimeoutMS: defaultOperationTimeoutMs,
    });
    // Longer than a replica set's usual election (up to ~12 s), unlike the old 10 s.
    expect(defaultServerSelectionTimeoutMs).toBeGreaterThan(12_000);
  });

  it('leave out what the URI sets, so the URI wins (any case)', () => {
    const o = mongoConnectOptions('mongodb://h/?serverSelectionTimeoutMS=500&SOCKETTIMEOUTMS=900');
    expect(o).toEqual({ dbName: 'frontdesk' });
    expect(operationTimeoutMs('mongodb://h/?serverSelectionTimeoutMS=500&SOCKETTIMEOUTMS=900')).toBe(900);
    expect(operationTimeoutMs('mongodb://h/?connectTimeoutMS=5')).toBe(defaultOperationTimeoutMs);
    expect(operationTimeoutMs('mongodb://h/?socketTimeoutMS=0')).toBe(defaultOperationTimeoutMs);
    expect(mongoConnectOptions('mongodb://h/db?socketTimeoutMS=100')).toEqual({
      dbName: 'db',
      serverSelectionTimeoutMS: defaultServerSelectionTimeoutMs,
    });
  });
});

describe('URIs in messages', () => {
  it('parses hosts, user and options', () => {
    expect(
      parseMongoUri('mongodb://app:s%40cret@h1:27017,h2:27017/db?replicaSet=rs0&authSource=admin'),
    ).toEqual({
      scheme: 'mongodb',
      user: 'app',
      password: 's@cret',
      hosts: 'h1:27017,h2:27017',
      db: 'db',
      optionNames: ['replicaset', 'authsource'],
    });
    expect(() => parseMongoUri('postgres://x')).toThrow(/MONGODB_URI/);
  });

  it('never show the password', () => {
    expect(maskUri('mongodb+srv://app:hunter2@c0.mongodb.net/?w=majority')).toBe(
      'mongodb+srv://app:****@c0.mongodb.net/?w=majority',
    );
    expect(maskUri('mongodb://h:27017/db')).toBe('mongodb://h:27017/db');
    expect(maskUri('mongodb://app@h/db')).toBe('mongodb://app@h/db');
    const uri = 'mongodb://app:s%40cret@h/db';
    expect(maskPassword('auth as app:s%40cret / s@cret failed', uri)).toBe('auth as app:**** / **** failed');
  });

  it('the start-up message names the host, the reason, the database and MONGODB_URI masked', () => {
    const uri = 'mongodb://app:hunter2@db.internal:27017/?authSource=admin';
    const err = named('MongoServerSelectionError', 'connect ECONNREFUSED 10.0.0.5:27017', {
      reason: {
        servers: new Map([
          ['db.internal:27017', { error: new Error('connect ECONNREFUSED 10.0.0.5:27017') }],
        ]),
      },
    });
    const message = unreachableMessage(uri, 'frontdesk', err);
    expect(message).toBe(
      'Cannot connect to MongoDB at db.internal:27017 (database "frontdesk"): connect ECONNREFUSED 10.0.0.5:27017. ' +
        'Check that MongoDB is running and reachable from here, and MONGODB_URI (mongodb://app:****@db.internal:27017/?authSource=admin).',
    );
    expect(unreachableMessage(uri, 'x', new Error('Authentication failed for hunter2'))).not.toContain(
      'hunter2',
    );
  });
});

describe('errors that mean "MongoDB is not answering now"', () => {
  it('are the driver timeouts, network errors and primary step-downs', () => {
    for (const name of [
      'MongoServerSelectionError',
      'MongoNetworkError',
      'MongoNetworkTimeoutError',
      'MongoOperationTimeoutError',
      'MongoNotConnectedError',
    ])
      expect(isUnavailableError(named(name))).toBe(true);
    expect(
      isUnavailableError(named('MongooseError', 'Operation `x.find()` buffering timed out after 10000ms')),
    ).toBe(true);
    expect(isUnavailableError(named('MongoServerError', 'not primary', { code: 10107 }))).toBe(true);
  });

  it('are not duplicate keys, validation or programming errors', () => {
    expect(isUnavailableError(named('MongoServerError', 'E11000 duplicate key', { code: 11000 }))).toBe(
      false,
    );
    expect(isUnavailableError(named('ValidationError'))).toBe(false);
    expect(isUnavailableError(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableError('a string')).toBe(false);
  });
});
