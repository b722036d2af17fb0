// `npm start`'s build step: runs `npm run build` only when the build's inputs changed since the last build
// it made (or dist/ is missing), so a second start with unchanged sources starts at once. The inputs are
// the TypeScript and browser sources, their pages and styles, the tsconfig files, the build script and the
// package manifests; content/ is read at run time and never needs a build. `--force` always builds.
// `npm run build` starts with `--forget` (drops the stamp): a build made by hand is never mistaken for the
// stamped one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folders whose files the build reads (tsconfig.build.json's and the browser code's). */
export const sourceDirs = [
  'common',
  'server',
  'store',
  'kb',
  'lang',
  'bot',
  'channels',
  'cluster',
  'handoff',
  'conversation',
  'forms',
  'tickets',
  'bench',
  'web',
];
/** Single files the build reads. */
export const sourceFiles = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.build.json',
  'scripts/build-web.mjs',
];
const extensions = new Set(['.ts', '.mts', '.js', '.mjs', '.json', '.html', '.css']);
/** Where the fingerprint of the last build is kept (inside dist/, so deleting dist/ forces a build). */
export const stampFile = path.join('dist', '.build-fingerprint');
/** What the build must leave behind for the stamp to count. */
export const builtEntry = path.join('dist', 'server', 'main.js');

function walk(root, dir, out) {
  const full = path.join(root, dir);
  if (!existsSync(full)) return;
  for (const entry of readdirSync(full, { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile() && extensions.has(path.extname(entry.name))) out.push(rel);
  }
}

/** A hash of every input's path and content, in a stable order. */
export function fingerprint(root) {
  const files = [];
  for (const dir of sourceDirs) walk(root, dir, files);
  for (const file of sourceFiles) if (existsSync(path.join(root, file))) files.push(file);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether a build is needed: no built entry, no stamp, or inputs that differ from the stamped build's. */
export function needsBuild(root, print = fingerprint(root)) {
  const stamp = path.join(root, stampFile);
  if (!existsSync(path.join(root, builtEntry)) || !existsSync(stamp)) return true;
  return readFileSync(stamp, 'utf8').trim() !== print;
}

/** Builds when needed; returns the exit code. */
export function buildIfChanged(
  root,
  { force = false, log = (line) => process.stderr.write(`${line}\n`) } = {},
) {
  const before = fingerprint(root);
  if (!force && !needsBuild(root, before)) {
    log('frontdesk: sources unchanged since the last build; skipping it (npm run build to force one)');
    return 0;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  // Stamped with the inputs as they were when the build started: a change during the build builds again.
  if (statSync(path.join(root, builtEntry), { throwIfNoEntry: false }))
    writeFileSync(path.join(root, stampFile), `${before}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv.includes('--forget')) rmSync(path.join(process.cwd(), stampFile), { force: true });
  else process.exitCode = buildIfChanged(process.cwd(), { force: process.argv.includes('--force') });
}
