import { createHash } from 'node:crypto';
import { LanguageMatcher } from './matcher.js';
import type { Article } from './types.js';

/** Where an article came from: only the linter reads these, so they are left out of the key. */
const locationFields: ReadonlySet<string> = new Set([
  'file',
  'idLine',
  'titleLine',
  'questionLines',
  'formLine',
] satisfies Array<keyof Article>);

/** A hash of the language and of every article in order, every field but its file and lines. */
export function matcherKey(lang: string, articles: readonly Article[]): string {
  const json = JSON.stringify([lang, articles], (key, value: unknown) =>
    locationFields.has(key) ? undefined : value,
  );
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Trained matchers by what they were trained on. Training is deterministic, so building a KB again from
 * the same articles in a language (a reload that changed another language, a second server or command in
 * the same process) reuses the matcher instead of training it again. Least recently used goes first.
 */
export class MatcherCache {
  private readonly entries = new Map<string, LanguageMatcher>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  matcher(lang: string, articles: readonly Article[]): LanguageMatcher {
    const key = matcherKey(lang, articles);
    const hit = this.entries.get(key) ?? LanguageMatcher.build(lang, articles);
    this.keep(key, hit);
    return hit;
  }

  /** Keeps a matcher trained elsewhere (restored from the model cache) for these articles. */
  remember(lang: string, articles: readonly Article[], matcher: LanguageMatcher): void {
    this.keep(matcherKey(lang, articles), matcher);
  }

  private keep(key: string, hit: LanguageMatcher): void {
    this.entries.delete(key);
    this.entries.set(key, hit);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
  }
}

/** The process's cache, used by KnowledgeBaseIndex.build. */
export const matcherCache = new MatcherCache(16);
