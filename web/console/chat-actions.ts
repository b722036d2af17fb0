import type { ChatView } from './chat-view.js';
import { messageOf } from './chat-view.js';
import { confirmDialog, transferDialog, type AgentRoster } from './dialogs.js';
import type { Notices } from './notices.js';
import type { ConsoleSocket } from './socket.js';

const releaseReasons: Record<string, string> = {
  visitor: 'the visitor went back to the assistant',
  resolved: 'it was resolved',
  transferred: 'it was transferred',
  requeued: 'it went back to the queue',
};

/** What the actions need from the console: its socket and notices, the open tabs, and closing one. */
export interface ChatActionsDeps {
  readonly socket: ConsoleSocket;
  readonly notices: Notices;
  readonly roster: AgentRoster;
  readonly agentId: string;
  tab(conversationId: string): ChatView | undefined;
  closeChat(conversationId: string): void;
}

/**
 * An agent's transfer, resolve and spam of a chat, each confirmed in a dialog first; and the notice when
 * a chat is closed by someone else (none for the chats this console is leaving itself).
 */
export class ChatActions {
  /** Chats this console is resolving or transferring: their `released` needs no notice. */
  private readonly leaving = new Set<string>();

  constructor(private readonly deps: ChatActionsDeps) {}

  async transfer(view: ChatView): Promise<void> {
    const target = await transferDialog(this.deps.roster, this.deps.agentId);
    if (!target) return;
    await this.leave(view, 'Chat transferred.', () => this.deps.socket.transfer(view.conversationId, target));
  }

  async resolve(view: ChatView): Promise<void> {
    const sure = await confirmDialog(
      'Resolve this chat?',
      'The chat closes for you and the visitor is told it is finished.',
      'Resolve',
    );
    if (!sure) return;
    await this.leave(view, 'Chat resolved.', () => this.deps.socket.resolve(view.conversationId));
  }

  /** Marks a chat (waiting or open) as spam: it leaves, its visitor and their address are blocked. */
  async spam(conversationId: string): Promise<void> {
    const sure = await confirmDialog(
      'Mark this chat as spam?',
      'The chat leaves the queue, and its visitor (and, for a while, their address) can no longer chat.',
      'Mark as spam',
    );
    if (!sure) return;
    const view = this.deps.tab(conversationId);
    if (view) await this.leave(view, 'Marked as spam.', () => this.deps.socket.spam(conversationId));
    else
      await this.deps.socket.spam(conversationId).then(
        () => this.deps.notices.show('Marked as spam.'),
        (err: unknown) => this.deps.notices.show(messageOf(err), 'error'),
      );
  }

  /** The server closed a chat (`released`): its tab closes, with a notice unless this console asked. */
  released(conversationId: string, reason: string): void {
    const hadTab = this.deps.tab(conversationId) !== undefined;
    this.deps.closeChat(conversationId);
    if (hadTab && !this.leaving.has(conversationId))
      this.deps.notices.show(`A chat was closed: ${releaseReasons[reason] ?? reason}.`);
  }

  /** Runs a transfer, resolve or spam; on success the tab closes. */
  private async leave(view: ChatView, done: string, request: () => Promise<unknown>): Promise<void> {
    const id = view.conversationId;
    this.leaving.add(id);
    try {
      await request();
      this.deps.closeChat(id);
      this.deps.notices.show(done);
    } catch (err) {
      this.deps.notices.show(messageOf(err), 'error');
    } finally {
      setTimeout(() => this.leaving.delete(id), 5000);
    }
  }
}
