import { describe, expect, it } from '@jest/globals';
import { decodeRole, encodeRole, isStopMessage, isWorkerMessage } from './cluster-role.js';

describe('a cluster worker role', () => {
  it('round-trips through the environment', () => {
    const role = { slot: 2, url: 'http://127.0.0.1:3000' };
    expect(decodeRole(encodeRole(role))).toEqual(role);
  });

  it('reads a missing or malformed role as none', () => {
    for (const bad of [
      undefined,
      '',
      '{',
      'null',
      '{"slot":0,"url":"x"}',
      '{"slot":1.5,"url":"x"}',
      '{"slot":1}',
    ])
      expect(decodeRole(bad)).toBeNull();
  });

  it("tells Frontdesk's IPC messages from others (the sticky sessions' own)", () => {
    expect(isWorkerMessage({ type: 'frontdesk:ready' })).toBe(true);
    expect(isWorkerMessage({ type: 'frontdesk:failed', message: 'x', exitCode: 1 })).toBe(true);
    expect(isWorkerMessage({ type: 'sticky:connection', data: 'abc' })).toBe(false);
    expect(isWorkerMessage(null)).toBe(false);
    expect(isStopMessage({ type: 'frontdesk:stop' })).toBe(true);
    expect(isStopMessage('frontdesk:stop')).toBe(false);
  });
});
