import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { UnresolvedQuestion } from '../bot/ports.js';
import { KnowledgeBaseIndex } from '../kb/knowledge-base.js';
import { loadKb } from '../kb/load.js';
import { groupQuestions } from './grouping.js';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
let kb: KnowledgeBaseIndex;
beforeAll(async () => {
  kb = await KnowledgeBaseIndex.build(await loadKb(path.join(repoRoot, 'content')));
});

let n = 0;
const q = (text: string, lang = 'en'): UnresolvedQuestion => ({
  id: `q${++n}`,
  conversationId: `c${n}`,
  lang,
  text,
  candidates: [],
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
});

describe('grouping questions by the matcher similarity', () => {
  it('puts near-duplicates together and keeps different questions and languages apart', () => {
    const items = [
      q('my sofa smells weird'),
      q('do you sell furniture for kids'),
      q('My sofa smells weird!'),
      q('my new sofa smells really weird'),
      q('my sofa smells weird', 'fi'),
    ];
    const sim = (a: string, b: string, lang: string) => kb.similarity(a, b, lang);
    expect(kb.similarity('my sofa smells weird', 'my new sofa smells really weird', 'en')).toBeGreaterThan(
      0.6,
    );
    expect(kb.similarity('my sofa smells weird', 'do you sell furniture for kids', 'en')).toBeLessThan(0.3);
    const groups = groupQuestions(items, sim);
    expect(groups.map((g) => [g.id, g.lang, g.items.map((i) => i.text)])).toEqual([
      ['g-q1', 'en', ['my sofa smells weird', 'My sofa smells weird!', 'my new sofa smells really weird']],
      ['g-q2', 'en', ['do you sell furniture for kids']],
      ['g-q5', 'fi', ['my sofa smells weird']],
    ]);
    expect(groups[0]).toMatchObject({ firstSeen: items[0]?.createdAt, lastSeen: items[3]?.createdAt });
  });

  it('keeps a group id as later questions arrive', () => {
    const first = [q('where is my parcel'), q('how do I return a lamp')];
    const sim = (a: string, b: string, lang: string) => kb.similarity(a, b, lang);
    const before = groupQuestions(first, sim).map((g) => g.id);
    const after = groupQuestions([...first, q('where is my parcel now?')], sim).map((g) => g.id);
    expect(after).toEqual(before);
  });
});
