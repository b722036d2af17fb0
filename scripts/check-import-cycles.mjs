#!/usr/bin/env node
// Lint: no import cycles among the project's TypeScript files. Type-only imports count too (a cycle of
// ports is still a knot in the design), dynamic imports do not. Run by `npm run lint`; exits 1 and prints
// every cycle (one strongly connected component per line) when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const skip = new Set(['node_modules', 'dist', '.git', 'coverage', 'data', 'test-artifacts']);
const importRe = /^\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every .ts file under the root, as a path relative to it. */
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (skip.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path.relative(root, full));
  }
  return out;
}

/** The file an import specifier names ('./x.js' is the source file './x.ts'), or null when outside. */
function target(from, spec, files) {
  const resolved = path.normalize(path.join(path.dirname(from), spec)).replace(/\.js$/, '');
  for (const candidate of [`${resolved}.ts`, path.join(resolved, 'index.ts')])
    if (files.has(candidate)) return candidate;
  return null;
}

export function findCycles(fileList, read) {
  const files = new Set(fileList);
  const edges = new Map();
  for (const file of fileList) {
    const deps = new Set();
    for (const m of read(file).matchAll(importRe)) {
      const to = target(file, m[1], files);
      if (to && to !== file) deps.add(to);
    }
    edges.set(file, [...deps]);
  }
  // Tarjan's strongly connected components, iteratively (no recursion limit on deep graphs).
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  for (const start of fileList) {
    if (idx.has(start)) continue;
    const work = [[start, 0]];
    idx.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      const next = edges.get(v)[i];
      if (next !== undefined) {
        frame[1]++;
        if (!idx.has(next)) {
          idx.set(next, index);
          low.set(next, index++);
          stack.push(next);
          onStack.add(next);
          work.push([next, 0]);
        } else if (onStack.has(next)) low.set(v, Math.min(low.get(v), idx.get(next)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(v)));
      }
      if (low.get(v) === idx.get(v)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const files = walk(root);
  const cycles = findCycles(files, (f) => readFileSync(path.join(root, f), 'utf8'));
  for (const c of cycles) console.error(`import cycle: ${c.join(' ↔ ')}`);
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s): move what the files share to where it belongs.`);
    process.exit(1);
  }
  console.log(`no import cycles in ${files.length} files`);
}
