import { describe, expect, it } from '@jest/globals';
import { collectionScans, queryShape, ranQuery } from './query-plans.js';

describe('the queries the store ran, for explain()', () => {
  it('takes the filter and sort of finds and updates, and skips inserts and index builds', () => {
    expect(ranQuery('handoffs', 'find', [{ status: 'queued' }, { sort: { queueKey: 1, order: 1 } }])).toEqual(
      {
        collection: 'handoffs',
        method: 'find',
        filter: { status: 'queued' },
        sort: { queueKey: 1, order: 1 },
      },
    );
    expect(
      ranQuery('handoffs', 'findOneAndUpdate', [
        { _id: 'h', status: 'queued' },
        { $set: {} },
        { returnDocument: 'after' },
      ]),
    ).toMatchObject({ filter: { _id: 'h', status: 'queued' }, sort: null });
    expect(ranQuery('tickets', 'insertOne', [{ _id: 't' }])).toBeNull();
    expect(ranQuery('tickets', 'createIndex', [{ seq: -1 }])).toBeNull();
  });

  it('explains each query shape once, whatever the values', () => {
    const a = ranQuery('tickets', 'find', [
      { search: /parcel/, lang: 'fi' },
      { sort: { updatedAt: -1, seq: -1 } },
    ]);
    const b = ranQuery('tickets', 'find', [
      { search: /refund/, lang: 'en' },
      { sort: { updatedAt: -1, seq: -1 } },
    ]);
    const c = ranQuery('tickets', 'find', [{ lang: 'en' }, { sort: { updatedAt: -1, seq: -1 } }]);
    expect(a && b && queryShape(a) === queryShape(b)).toBe(true);
    expect(a && c && queryShape(a) === queryShape(c)).toBe(false);
  });
});

describe('a plan that scans a collection', () => {
  it('is found in a classic plan, however deep', () => {
    const scan = {
      queryPlanner: {
        winningPlan: { stage: 'SORT', inputStage: { stage: 'COLLSCAN', direction: 'forward' } },
      },
    };
    expect(collectionScans(scan)).toEqual(['COLLSCAN']);
  });

  it('is found in a slot-based plan (MongoDB 7+)', () => {
    const sbe = {
      queryPlanner: { winningPlan: { queryPlan: { stage: 'COLLSCAN' }, slotBasedPlan: { stages: '…' } } },
    };
    expect(collectionScans(sbe)).toEqual(['COLLSCAN']);
  });

  it('is not an index scan, and rejected plans do not count', () => {
    const ix = {
      queryPlanner: {
        winningPlan: {
          stage: 'FETCH',
          inputStage: { stage: 'IXSCAN', indexName: 'status_1_queueKey_1_order_1' },
        },
        rejectedPlans: [{ stage: 'COLLSCAN' }],
      },
    };
    expect(collectionScans(ix)).toEqual([]);
  });
});
