import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret kept in a file of its own (e.g. `DATA_DIR/visitor-token.key`): read when it exists, else made
 * (256 random bits, base64url) and written owner-only (0600; the directory, when created here, 0700), so a
 * restart keeps it. When two processes start at once, the one that loses the race reads the winner's.
 */
export function loadOrCreateSecret(file: string): string {
  const read = (): string | null => {
    try {
      const text = readFileSync(file, 'utf8').trim();
      return text.length >= 32 ? text : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const theirs = read();
    if (!theirs)
      throw new Error(`${file} exists but holds no secret (at least 32 characters)`, { cause: err });
    return theirs;
  }
}
