// Writes test/fixtures/sparse-content: a sparse copy of the demo knowledge base (issue #17), the way a
// writer with little time would write it: each article keeps its title, its first three questions, its
// answer and its other front-matter keys; the forms are copied as they are. Run: node scripts/make-sparse-kb.mjs
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

const questionsKept = 3;
const from = 'content';
const to = path.join('test', 'fixtures', 'sparse-content');
rmSync(to, { recursive: true, force: true });
cpSync(path.join(from, 'forms'), path.join(to, 'forms'), { recursive: true });
for (const lang of readdirSync(path.join(from, 'kb'))) {
  const dir = path.join(from, 'kb', lang);
  mkdirSync(path.join(to, 'kb', lang), { recursive: true });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    if (!m) throw new Error(`${dir}/${file}: no front matter`);
    const doc = parseDocument(m[1]);
    const questions = doc.get('questions');
    if (questions && questions.items) questions.items = questions.items.slice(0, questionsKept);
    writeFileSync(path.join(to, 'kb', lang, file), `---\n${doc.toString()}---\n${m[2]}`);
  }
}
