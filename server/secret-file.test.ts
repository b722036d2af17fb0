import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSecret } from './secret-file.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'fd-secret-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadOrCreateSecret', () => {
  it('makes a secret once, owner-only (file 0600, new directory 0700), and reads the same one afterwards', () => {
    const dir = path.join(tempDir(), 'data');
    const file = path.join(dir, 'visitor-token.key');
    const previous = process.umask(0o022);
    try {
      const secret = loadOrCreateSecret(file);
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(loadOrCreateSecret(file)).toBe(secret);
      expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    } finally {
      process.umask(previous);
    }
  });
  it('refuses a file that holds no usable secret instead of replacing it', () => {
    const file = path.join(tempDir(), 'visitor-token.key');
    writeFileSync(file, 'short\n');
    expect(() => loadOrCreateSecret(file)).toThrow(/holds no secret/);
  });
});
