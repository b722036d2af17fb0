import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import { readContentSettings } from './content-settings.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const content = (files: Record<string, string>) => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'fd-settings-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
};
const problemsOf = (contentDir: string): readonly string[] => {
  try {
    readContentSettings(contentDir);
  } catch (err) {
    if (err instanceof AppError) return err.details;
    throw err;
  }
  return [];
};

describe('content settings files (business-hours.yml, tickets.yml)', () => {
  it('reports every problem of every bad file, each with file and line', () => {
    const d = content({
      'business-hours.yml':
        'timeZone: Europe/Helsinki\nweekly:\n  mon: ["09:00-17:00"]\n  tue: ["9 to 5"]\nholidays: []\n',
      'tickets.yml': 'sla:\n  urgent:\n    firstReply: -5\n',
    });
    const problems = problemsOf(d);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${d}/business-hours\\.yml:4: weekly\\.tue\\.0: `)),
        expect.stringMatching(new RegExp(`^${d}/tickets\\.yml:3: sla\\.urgent\\.firstReply: `)),
      ]),
    );
    for (const p of problems) expect(p).toMatch(/\/(business-hours|tickets)\.yml:\d+: /);
  });

  it('reports broken YAML with its line, and reads good files and absent ones as their defaults', () => {
    expect(problemsOf(content({ 'tickets.yml': 'sla:\n  urgent: [1,\n' }))).toEqual([
      expect.stringMatching(/tickets\.yml:\d+: /),
    ]);
    rmSync(dir, { recursive: true, force: true });
    const good = content({
      'business-hours.yml': 'timeZone: Europe/Tallinn\nweekly:\n  mon: ["08:00-16:00"]\nholidays: []\n',
    });
    expect(readContentSettings(good).hours.timeZone).toBe('Europe/Tallinn');
    expect(readContentSettings(good).ticketRules.sla.normal.firstReply).toBe(480);
  });
});
