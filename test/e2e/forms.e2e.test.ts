import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChatClient } from '../helpers/chat-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
const clients: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('a form over the web chat (real server, socket.io client)', () => {
  it('resumes after a page reload: same visitor token, the prompt and its choices in the history', async () => {
    const first = new ChatClient(server.url, {});
    clients.push(first);
    const { visitorToken } = await first.session();
    const [prompt] = await first.ask('my lamp arrived broken, order 48213');
    expect(prompt?.event).toBe('form');
    expect(prompt?.choices.map((c) => c.value)).toEqual([
      'form:opt:damaged',
      'form:opt:wrong',
      'form:opt:missing',
    ]);
    first.close();

    const reloaded = new ChatClient(server.url, { visitorToken });
    clients.push(reloaded);
    const session = await reloaded.session();
    expect(session.messages.at(-1)?.text).toMatch(/What went wrong\?$/);
    expect(session.messages.at(-1)?.choices).toHaveLength(3);
    const [next] = await reloaded.ask('Wrong item');
    expect(next?.text).toMatch(/^When did the parcel arrive\?/);
    expect(next?.choices.map((c) => c.label)).toEqual(['Skip']);
  });
});
