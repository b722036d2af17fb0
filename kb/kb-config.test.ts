import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseKbConfig, readKbConfig } from './kb-config.js';
import { loadKb } from './load.js';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content folder with one English article, and `config` as kb/config.yml when given. */
function contentWith(config?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-config-'));
  tempDirs.push(dir);
  mkdirSync(path.join(dir, 'kb', 'en'), { recursive: true });
  writeFileSync(
    path.join(dir, 'kb', 'en', 'a.md'),
    ['---', 'id: a', 'title: Reset my password', 'questions: [forgot password]', '---', 'Answer.'].join('\n'),
  );
  if (config !== undefined) writeFileSync(path.join(dir, 'kb', 'config.yml'), config);
  return dir;
}

const shown = (file: string): string => path.relative(process.cwd(), file);

describe('parseKbConfig', () => {
  it('reads both keys', () => {
    expect(parseKbConfig('config.yml', 'answerThreshold: 0.5\nclarifyMargin: 0.1\n')).toEqual({
      settings: { answerThreshold: 0.5, clarifyMargin: 0.1 },
      problems: [],
    });
  });

  it('keeps only what the file sets; an empty file or comments only set nothing', () => {
    expect(parseKbConfig('c.yml', '# tuned on the dev set\nclarifyMargin: 0\n').settings).toEqual({
      clarifyMargin: 0,
    });
    expect(parseKbConfig('c.yml', '')).toEqual({ settings: {}, problems: [] });
    expect(parseKbConfig('c.yml', '# nothing yet\n')).toEqual({ settings: {}, problems: [] });
  });

  it('reports bad values with their line, and keeps the valid keys', () => {
    const r = parseKbConfig('kb/config.yml', '# settings\nclarifyMargin: 0.02\nanswerThreshold: 1.5\n');
    expect(r.settings).toEqual({ clarifyMargin: 0.02 });
    expect(r.problems).toEqual([
      {
        severity: 'error',
        code: 'config-invalid',
        file: 'kb/config.yml',
        line: 3,
        message: 'answerThreshold must be between 0 and 1 (got 1.5)',
      },
    ]);
  });

  it('reports a value that is not a number', () => {
    const r = parseKbConfig('c.yml', 'answerThreshold: high\nclarifyMargin:\n');
    expect(r.settings).toEqual({});
    expect(r.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [1, 'config-invalid', 'answerThreshold must be a number between 0 and 1 (got "high")'],
      [2, 'config-invalid', 'clarifyMargin must be a number between 0 and 1 (got null)'],
    ]);
  });

  it('warns about an unknown key on its line and still applies the known ones', () => {
    const r = parseKbConfig('c.yml', 'answerThreshold: 0.4\nthreshold: 0.9\n');
    expect(r.settings).toEqual({ answerThreshold: 0.4 });
    expect(r.problems).toEqual([
      {
        severity: 'warning',
        code: 'key-unknown',
        file: 'c.yml',
        line: 2,
        message: 'unknown key "threshold"',
      },
    ]);
  });

  it('reports broken YAML and a file that is not a mapping', () => {
    const broken = parseKbConfig('c.yml', 'answerThreshold: 0.4\nclarifyMargin: [0.1\n');
    expect(broken.settings).toEqual({});
    expect(broken.problems[0]).toMatchObject({ severity: 'error', code: 'yaml-invalid' });
    expect(broken.problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(parseKbConfig('c.yml', '- 0.4\n').problems).toEqual([
      expect.objectContaining({ code: 'config-invalid', line: 1, severity: 'error' }),
    ]);
  });
});

describe('readKbConfig and loadKb', () => {
  it('an absent config.yml sets nothing and is no problem', async () => {
    const dir = contentWith();
    expect(await readKbConfig(path.join(dir, 'kb'))).toEqual({ settings: {}, problems: [] });
    const kb = await loadKb(dir);
    expect(kb.settings).toEqual({});
    expect(kb.problems).toEqual([]);
  });

  it('loadKb returns the settings of <kb root>/config.yml', async () => {
    const kb = await loadKb(contentWith('answerThreshold: 0.6\n'));
    expect(kb.settings).toEqual({ answerThreshold: 0.6 });
    expect(kb.problems).toEqual([]);
    expect(kb.articles).toHaveLength(1);
  });

  it('loadKb reports config problems with the file (relative to the working directory) and line', async () => {
    const dir = contentWith('clarifyMargin: 0.1\nanswerThreshold: -1\ncolour: red\n');
    const kb = await loadKb(dir);
    const file = shown(path.join(dir, 'kb', 'config.yml'));
    expect(kb.settings).toEqual({ clarifyMargin: 0.1 });
    expect(kb.problems).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'key-unknown', file, line: 3 }),
      expect.objectContaining({ severity: 'error', code: 'config-invalid', file, line: 2 }),
    ]);
  });
});
