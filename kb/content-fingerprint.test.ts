import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentFingerprint } from './content-fingerprint.js';

describe('contentFingerprint (the hot reload safety net)', () => {
  it('changes with every kind of save and stays put when nothing changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-fp-'));
    const file = path.join(dir, 'a.md');
    writeFileSync(file, 'one');
    const seen = [contentFingerprint(dir)];
    expect(contentFingerprint(dir)).toBe(seen[0]);
    writeFileSync(file, 'two, longer');
    seen.push(contentFingerprint(dir));
    writeFileSync(`${file}.tmp`, 'three');
    renameSync(`${file}.tmp`, file);
    seen.push(contentFingerprint(dir));
    mkdirSync(path.join(dir, 'fi'));
    writeFileSync(path.join(dir, 'fi', 'b.md'), 'neljä');
    seen.push(contentFingerprint(dir));
    expect(new Set(seen).size).toBe(4);
    expect(contentFingerprint(path.join(dir, 'missing'))).toBe('');
    rmSync(dir, { recursive: true, force: true });
  });
});
