import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { startFrontdesk } from '../server/frontdesk.js';
import { kbEval } from '../server/commands/kb-eval.js';
import { hashPassword } from '../handoff/passwords.js';
import { parseCases, type EvalCase } from '../kb/eval-cases.js';

/**
 * `npm run bench:review`: does the review queue teach the bot? On a sparse copy of the demo KB
 * (test/fixtures/sparse-demo-kb: title + first three questions per article) served by the real server:
 *   1. accuracy on the held-out paraphrases (test/fixtures/holdout-<lang>.jsonl) before review;
 *   2. visitor traffic: the development paraphrases (test/fixtures/paraphrases-<lang>.jsonl, demo-paraphrases
 *      for English), one conversation each, through the bot; what it leaves unresolved is logged;
 *   3. an admin files the first 20 unresolved in-scope questions per language through the review API
 *      (HTTP, /console/api/admin/review: each under the article its case names, as a reviewer would judge)
 *      and dismisses the out-of-scope ones met on the way;
 *   4. accuracy on the same held-out sets after review.
 * The held-out sets are never filed. The last line is JSON.
 */
const filePerLang = Number(process.argv[process.argv.indexOf('--per-lang') + 1]) || 20;
const langs = ['en', 'fi', 'et', 'tr', 'ar', 'th'];
const repo = path.resolve('.');
const fixtures = path.join(repo, 'test', 'fixtures');

function cases(file: string): EvalCase[] {
  return parseCases(file, readFileSync(path.join(fixtures, file), 'utf8'));
}

async function accuracy(contentDir: string, base: { answerThreshold: number; clarifyMargin: number }) {
  const perLang: Record<string, number> = {};
  for (const lang of langs) {
    const lines: string[] = [];
    await kbEval({ contentDir, casesFile: path.join(fixtures, `holdout-${lang}.jsonl`), json: true }, base, {
      line: (t) => lines.push(t),
      error: () => undefined,
    });
    const summary = JSON.parse(lines.at(-1) ?? '{}') as { inScopeAccuracy: number };
    perLang[lang] = summary.inScopeAccuracy;
  }
  return perLang;
}

interface Group {
  id: string;
  lang: string;
  question: string;
  examples: string[];
  firstSeen: string;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-review-bench-'));
  const data = mkdtempSync(path.join(os.tmpdir(), 'fd-review-bench-data-'));
  cpSync(path.join(repo, 'content'), dir, { recursive: true });
  rmSync(path.join(dir, 'kb'), { recursive: true });
  cpSync(path.join(fixtures, 'sparse-demo-kb'), path.join(dir, 'kb'), { recursive: true });
  rmSync(path.join(dir, 'kb', 'README.md'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: data,
    CONTENT_DIR: dir,
    LOG_LEVEL: 'warn',
    KB_WATCH: 'false',
  });
  const before = await accuracy(dir, config);
  const app = await startFrontdesk(config, createLogger('warn'));
  try {
    const email = 'bench-admin@example.com';
    await app.store.agents.add({
      email,
      name: 'Bench admin',
      languages: langs,
      skills: [],
      capacity: 1,
      role: 'admin',
      passwordHash: await hashPassword('bench password 123'),
    });
    const login = await fetch(`${app.url}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'bench password 123' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const call = async (method: 'GET' | 'POST', route: string, body?: unknown) => {
      const res = await fetch(`${app.url}/console/api/admin/review${route}`, {
        method,
        headers: { cookie, origin: app.url, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };

    const traffic: Record<string, { asked: number; unresolved: number; filed: number; dismissed: number }> =
      {};
    for (const lang of langs) {
      const set = cases(lang === 'en' ? 'demo-paraphrases.jsonl' : `paraphrases-${lang}.jsonl`);
      const expect = new Map(set.map((c) => [c.text, c.expect]));
      for (const c of set)
        await app.bot.handleTurn({
          channel: 'bench',
          visitorKey: randomUUID(),
          clientId: null,
          text: c.text,
          localeHint: lang,
        });
      const logged = (await app.store.unresolved.list({ lang, limit: 1000 })).reverse();
      const stats = { asked: set.length, unresolved: logged.length, filed: 0, dismissed: 0 };
      for (const q of logged) {
        if (stats.filed >= filePerLang) break;
        const groups = (await call('GET', `/groups?lang=${lang}&limit=200`))['groups'] as Group[];
        const group = groups.find((g) => g.question === q.text || g.examples.includes(q.text));
        if (!group) continue; // filed or dismissed with a near-duplicate already
        const target = expect.get(q.text);
        if (target === undefined) continue;
        if (target === null) {
          await call('POST', `/groups/${encodeURIComponent(group.id)}/dismiss`);
          stats.dismissed++;
          continue;
        }
        await call('POST', `/groups/${encodeURIComponent(group.id)}/add`, {
          articleId: target,
          question: q.text,
        });
        stats.filed++;
      }
      traffic[lang] = stats;
    }
    const after = await accuracy(dir, config);
    const mean = (r: Record<string, number>) =>
      Math.round((Object.values(r).reduce((s, x) => s + x, 0) / langs.length) * 1000) / 1000;
    for (const lang of langs)
      console.log(
        `${lang}: held-out accuracy ${before[lang]} → ${after[lang]} after filing ${traffic[lang]?.filed} of ${traffic[lang]?.unresolved} unresolved (of ${traffic[lang]?.asked} asked; ${traffic[lang]?.dismissed} dismissed as out of scope)`,
      );
    console.log(
      JSON.stringify({
        perLang: filePerLang,
        before,
        after,
        meanBefore: mean(before),
        meanAfter: mean(after),
        traffic,
      }),
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}

await main();
