import type { Namespace } from 'socket.io';
import type { ChannelAdapter } from '../../conversation/outbox.js';
import type { ClientToServerEvents, ServerToClientEvents } from './events.js';
import { toChatMessage } from './presenter.js';
import { visitorRoom, webChannel } from './gateway.js';

/**
 * The web chat's outgoing side: later messages, typing and the handoff status go to every socket of the
 * visitor (their room on the /chat namespace). A visitor who is not connected sees the messages when they
 * come back (the session replays the conversation), so delivery always succeeds.
 */
export function webChannelAdapter(
  nsp: Namespace<ClientToServerEvents, ServerToClientEvents>,
): ChannelAdapter {
  return {
    id: webChannel,
    async deliver(conversation, messages) {
      const to = nsp.to(visitorRoom(conversation.visitorKey));
      for (const m of messages) to.emit('message', toChatMessage(m));
      return { ok: true };
    },
    async typing(conversation, typing) {
      nsp.to(visitorRoom(conversation.visitorKey)).emit('typing', typing);
    },
    async status(conversation, status) {
      nsp.to(visitorRoom(conversation.visitorKey)).emit('handoff', status);
    },
  };
}
