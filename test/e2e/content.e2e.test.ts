import { afterEach, describe, expect, it } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { copyDemoContent, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | null = null;
const clients: ChatClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = null;
});

const xssArticle = `---
id: xss-probe
title: Is the gadget fireproof?
questions:
  - does the gadget burn
---
It is <script>window.pwned = 1</script> fine <img src=x onerror="window.pwned = 2">.

[click me](javascript:alert(1)) and <a href="javascript:alert(2)">this</a> and <iframe src="https://example.com"></iframe>
`;

describe('content through the running server', () => {
  it('renders answers safely: raw HTML, event handlers and javascript: links do not pass through', async () => {
    const contentDir = copyDemoContent();
    writeFileSync(path.join(contentDir, 'kb', 'en', 'xss-probe.md'), xssArticle);
    server = await startTestServer({}, { contentDir });
    const c = new ChatClient(server.url);
    clients.push(c);
    await c.session();
    const [reply] = await c.ask('is the gadget fireproof?');
    expect(reply?.articleId).toBe('xss-probe');
    const html = reply?.html ?? '';
    expect(html).toContain('fine');
    expect(html).not.toMatch(/<script|onerror|<img|<iframe|javascript:/i);
    rmSync(contentDir, { recursive: true, force: true });
  });

  it('hot-reloads a new article, keeps the last good KB live when a file breaks, and logs the error', async () => {
    server = await startTestServer({ KB_WATCH: 'true' });
    const c = new ChatClient(server.url);
    clients.push(c);
    await c.session();
    const en = path.join(server.contentDir, 'kb', 'en');

    writeFileSync(
      path.join(en, 'loyalty-points.md'),
      '---\nid: loyalty-points\ntitle: How do loyalty points work?\nquestions:\n  - do I earn points when I buy\n---\nYou earn 1 point per euro.\n',
    );
    await waitFor(() => server?.logs.some((l) => l['msg'] === 'KB reloaded') ?? false, 'the reload', 8000);
    expect((await c.ask('how do loyalty points work'))[0]?.articleId).toBe('loyalty-points');

    writeFileSync(path.join(en, 'broken.md'), '---\nid: broken\ntitle: "unclosed\n---\nbody\n');
    await waitFor(
      () => server?.logs.some((l) => l['msg'] === 'KB not reloaded: the last good KB stays live') ?? false,
      'the rejected reload',
      8000,
    );
    const problem = server.logs.find(
      (l) => l['msg'] === 'content problem' && String(l['problem']).includes('broken.md'),
    );
    expect(String(problem?.['problem'])).toMatch(/broken\.md:\d+: error yaml-invalid/);
    expect((await c.ask('where is my parcel'))[0]?.articleId).toBe('track-order');
    expect((await c.ask('do I earn points when I buy'))[0]?.articleId).toBe('loyalty-points');
  });

  it('keeps conversations across a restart (durable embedded store)', async () => {
    server = await startTestServer();
    const { dataDir, contentDir } = server;
    const c = new ChatClient(server.url);
    const s = await c.session();
    await c.ask('how do I delete my account');
    c.close();
    await server.app.close();

    server = await startTestServer({}, { dataDir, contentDir });
    const again = new ChatClient(server.url, { visitorToken: s.visitorToken });
    clients.push(again);
    const resumed = await again.session();
    expect(resumed.messages.map((m) => m.articleId)).toEqual([null, 'delete-account']);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(contentDir, { recursive: true, force: true });
  });
});
