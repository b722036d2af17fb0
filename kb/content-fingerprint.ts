import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A cheap fingerprint of a folder tree: every entry's path, inode, size and modification time. Any save
 * changes it, however the editor saves (in place, a temp file renamed over, delete then create, a new
 * folder). Unreadable entries are skipped; a missing folder has the empty fingerprint.
 */
export function contentFingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const full = path.join(current, name);
      try {
        const s = statSync(full);
        parts.push(`${full}\u0000${s.ino}\u0000${s.size}\u0000${s.mtimeMs}`);
        if (s.isDirectory()) walk(full);
      } catch {
        // deleted while we looked: the next look sees it gone
      }
    }
  };
  walk(dir);
  return parts.join('\n');
}
