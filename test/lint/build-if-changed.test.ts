import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../helpers/server.js';

/**
 * `npm start` builds only when the build's inputs changed: the real script in a temporary project whose
 * `npm run build` is a stand-in that writes dist/server/main.js and counts the builds.
 */
let root: string;
const builds = () => readFileSync(path.join(root, 'builds.log'), 'utf8').length;
const start = () =>
  spawnSync(process.execPath, ['scripts/build-if-changed.mjs'], { cwd: root, encoding: 'utf8' });
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'fd-build-'));
  mkdirSync(path.join(root, 'scripts'));
  copyFileSync(
    path.join(repoRoot, 'scripts/build-if-changed.mjs'),
    path.join(root, 'scripts/build-if-changed.mjs'),
  );
  write(
    'package.json',
    JSON.stringify({
      type: 'module',
      scripts: { build: 'node scripts/build-if-changed.mjs --forget && node fake-build.mjs' },
    }),
  );
  write(
    'fake-build.mjs',
    "import fs from 'node:fs';\nfs.mkdirSync('dist/server', { recursive: true });\nfs.writeFileSync('dist/server/main.js', '');\nfs.appendFileSync('builds.log', 'x');\n",
  );
  write('builds.log', '');
  write('server/main.ts', 'export const a = 1;\n');
  write('web/widget/main.ts', 'export const b = 1;\n');
  write('content/kb/en/a.md', '# A\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the build step of npm start', () => {
  it('builds the first time, then skips while nothing the build reads changed', () => {
    expect(start().status).toBe(0);
    expect(builds()).toBe(1);
    const again = start();
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('sources unchanged since the last build; skipping it');
    expect(builds()).toBe(1);
    write('content/kb/en/a.md', '# A, edited (content is read at run time)\n');
    start();
    expect(builds()).toBe(1);
  });

  it('builds again after a source, a page or the manifest changed, or dist/ is gone', () => {
    write('server/main.ts', 'export const a = 2;\n');
    start();
    expect(builds()).toBe(2);
    write('web/widget/main.ts', 'export const b = 2;\n');
    start();
    expect(builds()).toBe(3);
    start();
    expect(builds()).toBe(3);
    rmSync(path.join(root, 'dist'), { recursive: true });
    start();
    expect(builds()).toBe(4);
  });

  it('never trusts a build made by hand (npm run build drops the stamp)', () => {
    expect(spawnSync('npm', ['run', 'build', '--silent'], { cwd: root }).status).toBe(0);
    expect(builds()).toBe(5);
    start();
    expect(builds()).toBe(6);
  });

  it('is what npm start runs', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['start']).toBe('node scripts/build-if-changed.mjs && node dist/server/main.js serve');
    expect(pkg.scripts['build']).toMatch(/^node scripts\/build-if-changed\.mjs --forget && /);
  });
});
