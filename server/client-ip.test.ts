import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { clientAddress, type TrustFn } from '../common/client-ip.js';

/** Express's own compiled `trust proxy`, as the server uses it. */
const trustFunction = (setting: boolean | number | string[]): TrustFn =>
  express().set('trust proxy', setting).get('trust proxy fn') as TrustFn;

describe('clientAddress', () => {
  const xff = '198.51.100.9, 203.0.113.5, 10.0.0.2';

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('::ffff:127.0.0.1', xff, trustFunction(false))).toBe('127.0.0.1');
  });

  it('walks left through trusted hops: all, a hop count, or listed addresses', () => {
    expect(clientAddress('10.0.0.1', xff, trustFunction(true))).toBe('198.51.100.9');
    expect(clientAddress('10.0.0.1', xff, trustFunction(1))).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.1', xff, trustFunction(2))).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.1', xff, trustFunction(['10.0.0.0/24']))).toBe('203.0.113.5');
    expect(clientAddress('127.0.0.1', '198.51.100.9', trustFunction(['loopback']))).toBe('198.51.100.9');
    expect(clientAddress('192.0.2.1', '198.51.100.9', trustFunction(['loopback']))).toBe('192.0.2.1');
  });

  it('stops at a hop that is not an address, and is the peer without the header', () => {
    expect(clientAddress('127.0.0.1', 'junk, 198.51.100.9', trustFunction(true))).toBe('198.51.100.9');
    expect(clientAddress('127.0.0.1', undefined, trustFunction(true))).toBe('127.0.0.1');
  });
});
