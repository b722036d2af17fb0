import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import type { Conversation, StoredMessage } from '../../conversation/types.js';
import type { AgentDesk, HandoffSignal } from '../../handoff/ports.js';
import type { Agent, Handoff } from '../../handoff/types.js';
import type { LogPort } from '../../bot/bot.js';
import { checkVisitorText } from '../../bot/validate.js';
import {
  agentNamespace,
  type AgentClientToServer,
  type AgentServerToClient,
  type CannedReply,
  type ConsoleAgent,
  type ConsoleField,
} from './agent-events.js';
import { toChatDetail, toConsoleMessage, toQueueItem } from './agent-presenter.js';
import { ackHandler } from './agent-ack.js';
import {
  guardAgentSessions,
  sessionRoom,
  type AgentData,
  type AgentNamespace,
  type AgentSessionDeps,
} from './agent-sessions.js';

/** The sessions (authenticate, onSessionEnded, onAgentChanged, recheckMs: agent-sessions.ts) and the desk. */
export interface AgentGatewayDeps extends AgentSessionDeps {
  readonly desk: AgentDesk;
  readonly conversations: {
    get(id: string): Promise<Conversation | null>;
    messages(id: string): Promise<StoredMessage[]>;
  };
  /** Form values for the agent: sensitive ones masked. */
  maskedDetails(conversation: Conversation): Record<string, string | number>;
  /** The masked values under their forms' labels; without it the console shows the raw names. */
  labelledDetails?(conversation: Conversation): ConsoleField[];
  canned(lang: string, query: string): Promise<readonly CannedReply[]>;
  onSignal(listener: (signal: HandoffSignal) => Promise<void>): void;
  readonly maxMessageLength: number;
  readonly log: LogPort;
}

type AgentSocket = Socket<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentData>;

const agentRoom = (id: string) => `agent:${id}`;
const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 of A–Z a–z 0–9 _ -');
const conversationId = z.string().min(1).max(128);

/**
 * The agent console's socket: authenticated by the session cookie at the handshake (401 otherwise), and
 * again before every event and every `recheckMs`: a socket whose session ended (logout, expiry, the agent
 * disabled) is disconnected. Every action checks ownership in the desk (403), validates its payload (400)
 * and answers with an ack. `close()` stops the periodic check.
 */
export function attachAgentConsole(io: Server, deps: AgentGatewayDeps): { close(): void } {
  const nsp = io.of(agentNamespace) as AgentNamespace;
  // The shape here; emptiness (invisible characters count as nothing), length and control/bidi override
  // characters are the one shared check of typed text (MESSAGE_EMPTY / MESSAGE_TOO_LONG).
  const text = z.string().max(100_000, 'is far too long');
  const typed = (t: string): string => checkVisitorText(t, deps.maxMessageLength);
  /** Runs an action with a validated payload and answers its ack with the result or a catalog error. */
  const handle = ackHandler(deps.log);

  const sessions = guardAgentSessions(nsp, deps);

  const preview = async (conversationId: string): Promise<string> =>
    (await deps.conversations.messages(conversationId)).find((m) => m.role === 'visitor')?.text ?? '';
  const items = (list: readonly Handoff[]) =>
    Promise.all(list.map(async (h) => toQueueItem(h, await preview(h.conversationId))));
  const view = async (agent: Agent) => {
    const { queue, mine } = await deps.desk.queueFor(agent);
    const mineItems = await items(mine);
    return {
      queue: await items(queue),
      mine: mineItems.map((item, i) => ({ ...item, assignedAt: mine[i]?.assignedAt ?? item.queuedAt })),
    };
  };
  const detail = async (h: Handoff) => {
    const conversation = await deps.conversations.get(h.conversationId);
    if (!conversation) throw new AppError('NOT_FOUND', 'That conversation does not exist.');
    const messages = await deps.conversations.messages(conversation.id);
    const fields = deps.labelledDetails?.(conversation) ?? [];
    return toChatDetail(h, conversation, messages, deps.maskedDetails(conversation), fields);
  };

  /** Every agent with whether a console of theirs is connected (read fresh: new agents appear too). */
  const agentList = async (): Promise<ConsoleAgent[]> =>
    (await deps.desk.loads()).map((l) => ({
      id: l.agent.id,
      name: l.agent.name,
      online: deps.desk.isOnline(l.agent.id),
    }));
  const othersThan = (list: readonly ConsoleAgent[], agentId: string) => list.filter((a) => a.id !== agentId);
  /** Someone signed in or out: every console's transfer list follows. */
  const agentsChanged = async (): Promise<void> => {
    try {
      const list = await agentList();
      for (const socket of nsp.sockets.values())
        socket.emit('agents', othersThan(list, socket.data.agent.id));
    } catch (err) {
      deps.log.error({ err }, 'agent list update failed');
    }
  };

  // Cluster mode: an agent came or went on another process; the transfer lists follow (coalesced).
  let listPending: NodeJS.Timeout | null = null;
  deps.desk.onPresenceChanged?.(() => {
    if (listPending) return;
    listPending = setTimeout(() => {
      listPending = null;
      void agentsChanged();
    }, 50);
    listPending.unref();
  });

  nsp.on('connection', (socket: AgentSocket) => {
    const agent = socket.data.agent;
    socket.use((_packet, next) => {
      void sessions.stillValid(socket).then((ok) => {
        if (ok) next();
      });
    });
    deps.desk.connected(agent.id);
    void socket.join([agentRoom(agent.id), sessionRoom(socket.data.session)]);
    void (async () => {
      const list = await agentList();
      socket.emit('hello', {
        agent: { ...agent },
        available: deps.desk.isAvailable(agent.id),
        ...(await view(agent)),
        agents: othersThan(list, agent.id),
      });
    })().catch((err: unknown) => deps.log.error({ err }, 'agent console hello failed'));
    void agentsChanged();

    socket.on(
      'availability',
      handle(z.object({ available: z.boolean() }), async ({ available }) => {
        deps.desk.setAvailable(agent.id, available);
        return { available };
      }),
    );
    socket.on(
      'claim',
      handle(z.object({ handoffId: z.string().min(1).max(128) }), async ({ handoffId }) =>
        detail(await deps.desk.claim(agent, handoffId)),
      ),
    );
    socket.on(
      'open',
      handle(z.object({ conversationId }), async (p) =>
        detail(await deps.desk.owned(agent, p.conversationId)),
      ),
    );
    socket.on(
      'send',
      handle(z.object({ conversationId, id: clientId, text }), async (p) =>
        toConsoleMessage(await deps.desk.agentMessage(agent, p.conversationId, typed(p.text), p.id)),
      ),
    );
    socket.on(
      'note',
      handle(z.object({ conversationId, text }), async (p) =>
        toConsoleMessage(await deps.desk.note(agent, p.conversationId, typed(p.text))),
      ),
    );
    socket.on('typing', (payload: unknown) => {
      const parsed = z.object({ conversationId, typing: z.boolean() }).safeParse(payload);
      if (parsed.success)
        void deps.desk
          .agentTyping(agent, parsed.data.conversationId, parsed.data.typing)
          .catch(() => undefined);
    });
    socket.on(
      'transfer',
      handle(
        z
          .object({
            conversationId,
            toAgent: z.string().min(1).max(128).optional(),
            toSkill: z.string().min(1).max(64).optional(),
          })
          .refine((p) => Boolean(p.toAgent) !== Boolean(p.toSkill), 'give toAgent or toSkill'),
        async (p) => {
          await deps.desk.transfer(agent, p.conversationId, {
            ...(p.toAgent ? { toAgent: p.toAgent } : {}),
            ...(p.toSkill ? { toSkill: p.toSkill } : {}),
          });
          return { transferred: true as const };
        },
      ),
    );
    socket.on(
      'resolve',
      handle(z.object({ conversationId }), async (p) => {
        await deps.desk.resolve(agent, p.conversationId);
        return { resolved: true as const };
      }),
    );
    socket.on(
      'spam',
      handle(z.object({ conversationId }), async (p) => {
        await deps.desk.markSpam(agent, p.conversationId);
        return { blocked: true as const };
      }),
    );
    socket.on(
      'canned',
      handle(z.object({ lang: z.string().min(2).max(12), query: z.string().max(200) }), async (p) =>
        deps.canned(p.lang, p.query),
      ),
    );

    socket.on('disconnect', () => {
      deps.desk.disconnected(agent.id);
      void agentsChanged();
    });
  });

  // Every process gets every signal (cluster mode: through Redis) and tells its own consoles only.
  deps.onSignal(async (signal) => {
    switch (signal.kind) {
      case 'queue':
        for (const socket of await nsp.local.fetchSockets())
          socket.emit('queue', await view(socket.data.agent));
        return;
      case 'offer':
        nsp.local
          .to(agentRoom(signal.agentId))
          .emit('offer', toQueueItem(signal.handoff, await preview(signal.handoff.conversationId)));
        return;
      case 'message':
        for (const id of signal.agentIds)
          nsp.local.to(agentRoom(id)).emit('message', toConsoleMessage(signal.message));
        return;
      case 'typing':
        if (signal.from === 'visitor' && signal.agentId)
          nsp.local
            .to(agentRoom(signal.agentId))
            .emit('typing', { conversationId: signal.conversation.id, typing: signal.typing });
        return;
      case 'released':
        nsp.local
          .to(agentRoom(signal.agentId))
          .emit('released', { conversationId: signal.conversationId, reason: signal.reason });
        return;
    }
  });
  return {
    close: () => {
      sessions.close();
      if (listPending) clearTimeout(listPending);
    },
  };
}
