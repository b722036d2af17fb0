import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(10 * 256);
let used = pool.length;

/**
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds in its first 48 bits, then 74 random bits. Row
 * keys made this way arrive in order, so SQLite appends them to the right edge of the primary-key index
 * instead of touching a random page of it on every insert (as version 4's do). Random bytes are drawn in
 * blocks, as node's own randomUUID does.
 */
export function timeOrderedId(now = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const r = pool.subarray(used, used + 10);
  used += 10;
  const hex = now.toString(16).padStart(12, '0');
  const b = (i: number) => (r[i] ?? 0).toString(16).padStart(2, '0');
  const version = (0x70 | ((r[0] ?? 0) & 0x0f)).toString(16);
  const variant = (0x80 | ((r[2] ?? 0) & 0x3f)).toString(16);
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}${b(1)}-${variant}${b(3)}-` +
    `${b(4)}${b(5)}${b(6)}${b(7)}${b(8)}${b(9)}`
  );
}
