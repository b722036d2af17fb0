import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { frontdesk } from '../helpers/cli.js';
import { copyDemoContent, startTestServer } from '../helpers/server.js';

interface CliGroup {
  id: string;
  question: string;
  count: number;
  top: Array<{ articleId: string; confidence: number }>;
}

/**
 * `frontdesk review list | add | dismiss` on the server's store and CONTENT_DIR: what the web chat left
 * unresolved is listed, filed under an article (the file changes, in a git commit when asked), or dismissed.
 */
describe('frontdesk review', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fd-review-cli-'));
  const contentDir = copyDemoContent();
  const env = { DATA_DIR: dataDir, CONTENT_DIR: contentDir, REVIEW_GIT_COMMIT: 'true' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: contentDir, encoding: 'utf8' });

  beforeAll(async () => {
    git('init', '--quiet');
    git('-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', 'add', '.');
    git('-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', 'commit', '--quiet', '-m', 'demo');
    const server = await startTestServer({}, { dataDir, contentDir });
    const chat = new ChatClient(server.url, { locales: ['en'] });
    await chat.session();
    for (const text of ['my sofa smells weird', 'do you sell furniture for kids']) {
      const [reply] = await chat.ask(text);
      // Offered articles ("These articles may help:"): the visitor picks none, which logs the question.
      if (reply?.event === 'offer') {
        const before = chat.botMessages().length;
        await chat.pick('None of these', 'offer:none');
        await waitFor(() => chat.botMessages().length > before, 'the reply to "None of these"');
      }
    }
    chat.close();
    await server.stop();
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  });

  const list = async (): Promise<CliGroup[]> => {
    const r = await frontdesk(['review', 'list', '--lang', 'en', '--json'], { env });
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { groups: CliGroup[] }).groups;
  };

  it('lists the groups, adds one to an article with a git commit by the CLI, and dismisses another', async () => {
    const groups = await list();
    expect(groups.map((g) => g.question)).toEqual(['do you sell furniture for kids', 'my sofa smells weird']);
    expect(groups[0]?.top).toHaveLength(3);
    const text = await frontdesk(['review', 'list'], { env });
    expect(text.stdout).toContain('"my sofa smells weird"');

    const sofa = groups.find((g) => g.question === 'my sofa smells weird') as CliGroup;
    const add = await frontdesk(
      [
        'review',
        'add',
        '--group',
        sofa.id,
        '--article',
        'product-warranty',
        '--question',
        'the sofa smells odd',
      ],
      { env },
    );
    expect(add).toMatchObject({ code: 0 });
    expect(add.stdout).toContain('Added "the sofa smells odd" to product-warranty');
    expect(readFileSync(path.join(contentDir, 'kb', 'en', 'product-warranty.md'), 'utf8')).toContain(
      '  - the sofa smells odd\n',
    );
    expect(git('log', '-1', '--format=%an <%ae>|%s')).toBe(
      'frontdesk CLI <cli@frontdesk.invalid>|kb(en): "the sofa smells odd" asked as product-warranty\n',
    );
    expect(git('status', '--porcelain')).toBe('');

    const kids = groups.find((g) => g.question === 'do you sell furniture for kids') as CliGroup;
    expect(await frontdesk(['review', 'dismiss', '--group', kids.id], { env })).toMatchObject({ code: 0 });
    expect(await list()).toEqual([]);
  });

  it('explains what is missing, and refuses an unknown group', async () => {
    const missing = await frontdesk(['review', 'add', '--group', 'g-x'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--article');
    const unknown = await frontdesk(['review', 'dismiss', '--group', 'g-nope'], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No open review group g-nope');
  });
});
