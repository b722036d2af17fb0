import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotFrameworkPeer, personalMessage, postActivity, teamsUser } from '../helpers/bot-framework.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let peer: BotFrameworkPeer;
let server: TestServer;

beforeAll(async () => {
  peer = await new BotFrameworkPeer().start();
  peer.anonymous = true;
  // No app id and no overrides: the production code path in the Emulator's anonymous mode.
  server = await startTestServer({ TEAMS_ENABLED: 'true', TEAMS_PORT: '0' });
});
afterAll(async () => {
  await server.stop();
  await peer.stop();
});

describe('Teams in the Bot Framework Emulator’s anonymous mode (no MICROSOFT_APP_ID, loopback only)', () => {
  it('warns at start, takes activities without a token and replies without one', async () => {
    expect(server.logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/anonymous mode/) }),
    );
    const user = teamsUser();
    const activity = {
      ...personalMessage(peer, user, 'how do I reset my password'),
      channelId: 'emulator',
      conversation: { id: `emulator-${user.id}` },
      from: { id: user.id, name: 'User' },
      channelData: {},
    };
    expect((await postActivity(server.app.teamsUrl ?? '', activity, null)).status).toBe(200);
    const [answer] = peer.messagesTo(activity.conversation.id);
    expect(answer?.text).toMatch(/password/i);
    const conversation = await server.app.store.conversations.find('teams', `none/user/${user.id}`);
    expect(conversation).not.toBeNull();
  });
});
