import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Rules for the MongoDB store's sources that no server is needed to check. `new` and `returnOriginal`
 * make mongoose 9 print a deprecation warning to stderr on every findOneAndUpdate (each claim, requeue,
 * resolve and ticket): `returnDocument` says the same without it. (With MONGODB_URI set,
 * mongo-store.test.ts also fails on any mongoose warning printed during the contract run.)
 */
const dir = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => ({ file: f, text: readFileSync(path.join(dir, f), 'utf8') }));

describe('store/mongo sources', () => {
  it('are read (the rules below check something)', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['handoffs.ts', 'tickets.ts']));
  });

  it('use returnDocument, never the deprecated `new` or `returnOriginal` options', () => {
    const offending = sources.flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(
          ({ line }) =>
            /[{,]\s*(new|returnOriginal)\s*:/.test(line) || /^\s*(new|returnOriginal)\s*:/.test(line),
        )
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });

  it('give every findOneAndUpdate-style call an explicit returnDocument', () => {
    const calls = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/\.(findOneAndUpdate|findByIdAndUpdate)\(/g)].map((m) => {
        // The call's text up to its closing parenthesis at depth 0.
        let depth = 0;
        let end = m.index + m[0].length - 1;
        for (; end < text.length; end++) {
          if (text[end] === '(') depth++;
          else if (text[end] === ')' && --depth === 0) break;
        }
        return { at: `${file}:${text.slice(0, m.index).split('\n').length}`, call: text.slice(m.index, end) };
      }),
    );
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(calls.filter((c) => !/returnDocument:\s*'(after|before)'/.test(c.call)).map((c) => c.at)).toEqual(
      [],
    );
  });
});
