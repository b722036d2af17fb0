import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, cleanEnv, frontdesk, spawnFrontdesk } from './helpers/cli.js';
import { copyDemoContent, repoRoot } from './helpers/server.js';

describe('frontdesk CLI (runCli in-process: environment, stdin, stdout, stderr and exit code captured)', () => {
  it('refuses an invalid configuration with every problem listed, exit 1', async () => {
    const r = await frontdesk(['serve'], { env: { PORT: 'abc', LOG_LEVEL: 'loud', ANSWER_THRESHOLD: '2' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Invalid configuration \(3 problem\(s\)\)/);
    expect(r.stderr).toMatch(/- PORT: must be a number/);
    expect(r.stderr).toMatch(/- LOG_LEVEL:/);
    expect(r.stderr).toMatch(/- ANSWER_THRESHOLD:/);
  });

  it('kb lint: clean demo content exits 0; broken front matter exits 1 naming file:line', async () => {
    const ok = await frontdesk(['kb', 'lint']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/\d+ article\(s\) in [a-z, ]*\ben\b[a-z, ]*: 0 error\(s\), \d+ warning\(s\)/);
    expect(ok.stdout).not.toMatch(/: error /);
    // Each language's answer threshold, chosen by cross-validation on its own questions, with the rates.
    expect(ok.stdout).toMatch(
      /^thresholds en: answer 0\.\d+ \(the lowest reaching precision 0\.9; cross-validation on \d+ questions\), offer 0\.33; expected answer \d+\.\d % \(precision (9\d|100)\.\d %\), offer \d+\.\d %, admit \d+\.\d %$/m,
    );

    const dir = copyDemoContent();
    writeFileSync(
      path.join(dir, 'kb', 'en', 'zz-broken.md'),
      '---\nid: zz-broken\ntitle: Broken\nquestions: [a, b\n---\nBody\n',
    );
    const bad = await frontdesk(['kb', 'lint', '--content', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/kb\/en\/zz-broken\.md:\d+: error yaml-invalid: /);
    expect(bad.stdout).toMatch(/\d+ article\(s\) in [a-z, ]+: 1 error\(s\)/);
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('kb lint: a 720-question language is cross-validated for the default target precision (no size exemption)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fd-kb-large-'));
    mkdirSync(path.join(dir, 'en'));
    const topics = Array.from({ length: 36 }, (_, i) => `topic${String.fromCharCode(97 + (i % 26))}${i}`);
    topics.forEach((t, i) => {
      const questions = Array.from(
        { length: 20 },
        (_, k) => `  - "question ${k} about ${t} and ${topics[(i + k) % 36]}"`,
      );
      writeFileSync(
        path.join(dir, 'en', `${t}.md`),
        `---\nid: ${t}\ntitle: "All about ${t}"\nquestions:\n${questions.join('\n')}\n---\nThe answer about ${t}.\n`,
      );
    });
    const plain = await frontdesk(['kb', 'lint', '--content', dir]);
    expect(plain.stdout).toMatch(
      /^thresholds en: answer 0\.\d+ \([^)]*; cross-validation on 720 questions\)/m,
    );
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('kb lint on a folder that does not exist: a clear message, exit 2', async () => {
    const r = await frontdesk(['kb', 'lint', '--content', '/nonexistent/fd']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/content folder does not exist: \/nonexistent\/fd/);
  });

  it('kb ask ranks candidates and says what the bot would do', async () => {
    const r = await frontdesk(['kb', 'ask', 'where', 'is', 'my', 'parcel']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1\. [01]\.\d{3} {2}track-order {2}How do I track my order\?/m);
    // The threshold in force is the one the KB chose for English (at least the process's 0.25).
    expect(r.stdout).toMatch(
      /decision \(threshold 0\.(2[5-9]|[3-9]\d?), margin 0.05\): answer with "track-order"/,
    );
  });

  it('chat --json: one JSON object per reply, blank lines skipped', async () => {
    const r = await frontdesk(['chat', '--json'], {
      input: 'how do I reset my password\n\n   \nblorp zxqv\n',
    });
    expect(r.code).toBe(0);
    const replies = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({
      lang: 'en',
      articleId: 'reset-password',
      event: null,
      choices: ['Helpful', 'Not helpful'],
    });
    expect(Object.keys(replies[0] ?? {}).sort()).toEqual([
      'articleId',
      'choices',
      'confidence',
      'event',
      'lang',
      'text',
    ]);
    expect(replies[1]).toMatchObject({ articleId: null, event: 'unresolved' });
  });

  it('chat --json marks the first prompt of a form "form" and its completion "form-done" with masked values', async () => {
    const input = [
      'my mug came cracked, order 48213, jane@example.com',
      '2',
      'skip',
      '+358 40 123 4567',
      '1',
    ];
    const r = await frontdesk(['chat', '--json'], { input: `${input.join('\n')}\n` });
    expect(r.code).toBe(0);
    const replies = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies.map((m) => m['event'])).toEqual(['form', null, null, null, 'form-done']);
    expect(replies[0]?.['choices']).toEqual(['Damaged item', 'Wrong item', 'Missing item']);
    expect(replies[3]?.['choices']).toContain('Change Phone');
    expect(replies[4]).toMatchObject({
      articleId: 'damaged-or-wrong-item',
      form: 'order-problem',
      values: { orderNumber: '48213', problem: 'wrong', email: 'jane@example.com', phone: '••••4567' },
    });
    expect(r.stdout).not.toContain('+358401234567');
  });

  it('agents add hashes the password from stdin, refuses bad flags and duplicates; agents list shows them', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-agents-'));
    const env = { DATA_DIR: dataDir };
    const add = [
      'agents',
      'add',
      '--email',
      'aino@example.com',
      '--name',
      'Aino',
      '--languages',
      'fi,en',
      '--skills',
      'billing',
    ];
    const ok = await frontdesk(add, { env, input: 'correct horse battery\n' });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(
      /^Added agent Aino <aino@example.com> \(languages fi, en; skills billing; 3 chats at once\)/,
    );
    expect(await frontdesk(add, { env, input: 'correct horse battery\n' })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/already exists/),
    });
    const bad = await frontdesk(
      ['agents', 'add', '--email', 'nope', '--languages', 'Finnish', '--role', 'boss'],
      {
        env,
        input: 'x\n',
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/- email: email must be an email address \(--email\)/);
    expect(bad.stderr).toMatch(/- name: /);
    expect(bad.stderr).toMatch(/- languages: languages are codes like en, fi/);
    expect(bad.stderr).toMatch(/- role: role must be agent or admin/);
    const weak = await frontdesk([...add.slice(0, 3), 'b@example.com', '--name', 'B', '--languages', 'en'], {
      env,
      input: 'short\n',
    });
    expect(weak).toMatchObject({ code: 2, stderr: expect.stringMatching(/at least 10 characters/) });
    const list = await frontdesk(['agents', 'list'], { env });
    expect(list.stdout.trim().split('\n')).toEqual([
      'aino@example.com  Aino  agent  languages=fi,en  skills=billing  capacity=3',
    ]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('agents add checks languages against ISO 639 and the KB, and lists a bad capacity like any problem', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-agents-'));
    const env = { DATA_DIR: dataDir };
    const add = (email: string, languages: string, ...more: string[]) =>
      frontdesk(['agents', 'add', '--email', email, '--name', 'Kai', '--languages', languages, ...more], {
        env,
        input: 'correct horse battery\n',
      });
    const notLanguages = await add('kai@example.com', 'fi,xx,qaa');
    expect(notLanguages.code).toBe(2);
    expect(notLanguages.stderr).toMatch(/- languages: xx is not a language code \(ISO 639, like en, fi\)/);
    expect(notLanguages.stderr).toMatch(/- languages: qaa is not a language code/);

    // German is a language; the demo KB has no German articles: added, with a warning.
    const lacking = await add('kai@example.com', 'fi,de');
    expect(lacking.code).toBe(0);
    expect(lacking.stdout).toMatch(/^Added agent Kai <kai@example.com> \(languages fi, de;/);
    expect(lacking.stderr).toBe(
      'Warning: the knowledge base has no de articles (it has ar, en, et, fi, th, tr): visitors are not served in that language, so no chat in it reaches this agent.\n',
    );
    expect((await add('ok@example.com', 'en,fi')).stderr).toBe('');

    const capacity = await add('cap@example.com', 'en', '--capacity', '-1', '--role', 'boss');
    expect(capacity.code).toBe(2);
    expect(capacity.stderr).toBe(
      [
        'Cannot add the agent:',
        '  - role: role must be agent or admin',
        '  - capacity: capacity must be a whole number from 1 to 50 (--capacity)',
        '',
      ].join('\n'),
    );
    for (const bad of ['0', '51', '2.5', 'many'])
      expect((await add('cap@example.com', 'en', '--capacity', bad)).stderr).toMatch(
        /- capacity: capacity must be/,
      );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('chat --json: asking for a person marks the reply "handoff"; with no agent, the ticket form follows, then "ticket"', async () => {
    const input = [
      'I want to talk to a person',
      'jane@example.com',
      '3',
      'I want to return a chair I bought',
      '1',
    ];
    const r = await frontdesk(['chat', '--json'], { input: `${input.join('\n')}\n` });
    const replies = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies.map((m) => m['event'])).toEqual(['handoff', 'form', null, null, null, 'ticket']);
    expect(replies.at(-1)?.['ticket']).toMatch(/^FD-\d+$/);
    expect(replies[0]?.['text']).toMatch(/^No one from our team is available in the chat right now/);
    expect(replies[1]?.['text']).toMatch(/Which email address should we reply to\?/);
  });

  it('chat reports an over-long line and goes on', async () => {
    const r = await frontdesk(['chat'], { input: `${'a'.repeat(2001)}\ndo you sell gift cards\n` });
    expect(r.stdout).toMatch(/^! The message is too long \(2001 characters; the limit is 2000\)\./m);
    expect(r.stdout).toMatch(/^bot> /m);
  });

  it('unknown commands and flags print usage, exit 2', async () => {
    expect((await frontdesk(['frobnicate'])).code).toBe(2);
    const r = await frontdesk(['kb', 'lint', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage:/);
  });
});

/** Two smoke tests of what main.ts adds to runCli: the process's streams, environment, signals and exit code. */
describe('the built executable (dist/server/main.js)', () => {
  it('reads stdin and the environment, writes stdout and stderr, and exits with the command’s code', () => {
    const chat = spawnFrontdesk(['chat', '--json'], { input: 'how do I reset my password\n' });
    expect(chat.code).toBe(0);
    expect(JSON.parse(chat.stdout.trim())).toMatchObject({ articleId: 'reset-password', event: null });
    const invalid = spawnFrontdesk(['serve'], { env: { PORT: 'abc' } });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^Invalid configuration \(1 problem\(s\)\):\n {2}- PORT: must be a number/,
    );
    expect(spawnFrontdesk(['frobnicate']).code).toBe(2);
  });

  it('serve starts on the configured port, prints the URL, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-serve-'));
    const child = spawn(process.execPath, [bin, 'serve'], {
      cwd: repoRoot,
      env: { ...cleanEnv, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', KB_WATCH: 'false' },
    });
    // A failure part-way must not leave the server running after the test.
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
        child.stdout.on('data', () => {
          const m = /running at (http:\/\/\S+)/.exec(out);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill('SIGTERM');
      });
      expect(code).toBe(0);
      expect(existsSync(path.join(dataDir, 'frontdesk.db'))).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
