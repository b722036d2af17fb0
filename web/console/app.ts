import type {
  AgentHello,
  AgentInfo,
  ChatDetail,
  ChatSummary,
  ConsoleMessage,
  QueueItem,
} from '../../channels/web/agent-events.js';
import { logout } from './api.js';
import { ChatView, messageOf } from './chat-view.js';
import type { AgentRoster } from './dialogs.js';
import { ChatActions } from './chat-actions.js';
import { el } from './dom.js';
import { Header, type ConsoleView } from './header.js';
import { Notices } from './notices.js';
import { QueueView } from './queue-view.js';
import { ConsoleSocket, RequestError } from './socket.js';
import { Tabs } from './tabs.js';
import { SideViews } from './side-views.js';

const claimErrors: Record<string, string> = {
  HANDOFF_TAKEN: 'Another agent took this chat first.',
  FORBIDDEN: 'This chat is reserved for someone else, or you are at capacity.',
};

/** Messages kept per chat that has no tab yet (a claim or open is on its way), and chats kept. */
const bufferLimit = 100;

/**
 * The signed-in console: header, queue and my chats, tabs of open chats (all wired to the socket); or
 * the Tickets view (over HTTP), made when first shown.
 */
export class ConsoleApp {
  readonly element: HTMLElement;
  private readonly socket = new ConsoleSocket();
  private readonly header: Header;
  private readonly queue: QueueView;
  private readonly tabs: Tabs;
  private readonly layout: HTMLElement;
  private readonly main: HTMLElement;
  /** Tickets and the admins' views, made when first shown. */
  private readonly sideViews: SideViews;
  private readonly notices = new Notices();
  private agent: AgentInfo;
  private agents: AgentHello['agents'] = [];
  private readonly agentWatchers = new Set<(agents: AgentHello['agents']) => void>();
  /** The other agents for the transfer dialog, live (hello, then every `agents` event). */
  private readonly roster: AgentRoster = {
    current: () => this.agents,
    watch: (listener) => {
      this.agentWatchers.add(listener);
      return () => void this.agentWatchers.delete(listener);
    },
  };
  private mine: readonly ChatSummary[] = [];
  private readonly unread = new Set<string>();
  private readonly buffered = new Map<string, ConsoleMessage[]>();
  private readonly actions: ChatActions;
  private greeted = false;
  /** The session ended: several requests may notice it, the login form comes back once. */
  private ended = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(
    agent: AgentInfo,
    private readonly onSignedOut: (message?: string) => void,
  ) {
    this.agent = agent;
    this.header = new Header(agent, {
      onAvailability: (available) => this.setAvailability(available),
      onSignOut: () => void this.signOut(),
      onView: (view) => this.showView(view),
    });
    this.queue = new QueueView({
      onClaim: (item) => this.claim(item),
      onSpam: (item) => void this.actions.spam(item.conversationId),
      onOpen: (chat) => void this.openChat(chat.conversationId),
    });
    this.tabs = new Tabs((active) => this.activated(active));
    this.layout = el('div', { class: 'layout' });
    this.layout.append(this.queue.element, this.tabs.element);
    this.element = el('div', { class: 'console' });
    // The views live in one <main> landmark, after the top bar (which holds the page's <h1>).
    this.main = el('main', { class: 'console-main' });
    this.main.append(this.layout);
    this.actions = new ChatActions({
      socket: this.socket,
      notices: this.notices,
      roster: this.roster,
      agentId: agent.id,
      tab: (id) => this.tabs.get(id),
      closeChat: (id) => this.closeChat(id),
    });
    this.sideViews = new SideViews(this.main, agent.id, this.notices, () => this.sessionEnded());
    this.element.append(this.header.element, this.main, this.notices.element);
    this.header.setConnection('Connecting…');
    this.listen();
    const start = location.hash.slice(1);
    if (
      start === 'tickets' ||
      (agent.role === 'admin' && (start === 'reports' || start === 'settings' || start === 'review'))
    )
      this.showView(start);
  }

  /** Chats (the queue and tabs), Tickets, or (admins) Reports and Settings; the address remembers the view (#tickets…). */
  private showView(view: ConsoleView): void {
    this.header.setView(view);
    this.layout.hidden = view !== 'chats';
    this.sideViews.show(view);
    const hash = view === 'chats' ? '' : `#${view}`;
    if (location.hash !== hash)
      history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
  }

  /** A notice that stays up long enough to read (failed sign-ins since the last one). */
  warn(text: string): void {
    this.notices.show(text, 'error', 30_000);
  }

  private sessionEnded(): void {
    if (this.ended) return;
    this.ended = true;
    this.destroy();
    this.onSignedOut('Your session has ended. Sign in again.');
  }

  destroy(): void {
    clearTimeout(this.retry);
    this.socket.close();
    this.queue.destroy();
    this.sideViews.destroy();
    for (const view of this.tabs.views()) view.destroy();
    document.title = 'Frontdesk console';
  }

  private listen(): void {
    const s = this.socket;
    s.io.on('connect', () => {
      this.header.setConnection(null);
      for (const view of this.tabs.views()) view.resend();
    });
    s.io.on('disconnect', (reason) => {
      this.header.setConnection('Connection lost. Reconnecting…');
      for (const view of this.tabs.views()) view.visitorTyping(false);
      // the server closed it (a restart, a revoked session): socket.io leaves that to us; an ended
      // session then fails the handshake with UNAUTHENTICATED and brings back the login form
      if (reason === 'io server disconnect') this.retry = setTimeout(() => s.io.connect(), 1000);
    });
    s.io.on('connect_error', (err) => {
      if (err.message === 'UNAUTHENTICATED') return this.sessionEnded();
      this.header.setConnection('Cannot reach the server. Retrying…');
      // refused by the server (not a network error): socket.io does not retry by itself
      if (!s.io.active) this.retry = setTimeout(() => s.io.connect(), 5000);
    });
    s.on('hello', (hello) => this.hello(hello));
    s.on('queue', (view) => this.setQueue(view.queue, view.mine));
    s.on('agents', (agents) => this.setAgents(agents));
    s.on('offer', (item) => {
      this.queue.offer(item);
      this.notices.show(`A chat in ${item.lang.toUpperCase()} is offered to you.`);
    });
    s.on('message', (m) => this.message(m));
    s.on('typing', (e) => this.tabs.get(e.conversationId)?.visitorTyping(e.typing));
    s.on('released', (e) => this.actions.released(e.conversationId, e.reason));
  }

  private hello(hello: AgentHello): void {
    this.agent = hello.agent;
    this.setAgents(hello.agents);
    this.header.setAgent(hello.agent);
    this.header.setAvailable(hello.available);
    this.setQueue(hello.queue, hello.mine);
    const open = new Set(this.tabs.views().map((v) => v.conversationId));
    // after a reconnect, catch up on what the open chats missed; on a fresh page, reopen the agent's chats
    const ids = this.greeted ? [...open] : hello.mine.map((c) => c.conversationId);
    this.greeted = true;
    const activateFirst = !this.tabs.active;
    ids.forEach((id, i) => void this.openChat(id, activateFirst && i === 0));
  }

  private setAgents(agents: AgentHello['agents']): void {
    this.agents = agents;
    for (const listener of this.agentWatchers) listener(agents);
  }

  private setQueue(queue: readonly QueueItem[], mine: readonly ChatSummary[]): void {
    this.mine = mine;
    this.queue.set(queue, mine);
  }

  private message(m: ConsoleMessage): void {
    const view = this.tabs.get(m.conversationId);
    if (view) {
      if (view.addMessage(m) && this.tabs.active !== m.conversationId) this.markUnread(m.conversationId);
      return;
    }
    const list = this.buffered.get(m.conversationId) ?? [];
    list.push(m);
    this.buffered.set(m.conversationId, list.slice(-bufferLimit));
    const oldest = this.buffered.keys().next().value;
    if (this.buffered.size > bufferLimit && oldest !== undefined) this.buffered.delete(oldest);
    if (this.mine.some((c) => c.conversationId === m.conversationId)) this.markUnread(m.conversationId);
  }

  private markUnread(conversationId: string): void {
    this.unread.add(conversationId);
    this.tabs.setUnread(conversationId, true);
    this.queue.setUnread(conversationId, true);
    this.updateTitle();
  }

  private activated(conversationId: string | null): void {
    this.queue.setActive(conversationId);
    if (!conversationId) return;
    this.unread.delete(conversationId);
    this.queue.setUnread(conversationId, false);
    this.updateTitle();
  }

  private updateTitle(): void {
    document.title = this.unread.size > 0 ? `(${this.unread.size}) Frontdesk console` : 'Frontdesk console';
  }

  private async setAvailability(available: boolean): Promise<boolean> {
    try {
      return (await this.socket.availability(available)).available;
    } catch (err) {
      this.notices.show(`Could not change availability: ${messageOf(err)}`, 'error');
      return !available;
    }
  }

  private async claim(item: QueueItem): Promise<void> {
    try {
      this.show(await this.socket.claim(item.handoffId), true);
    } catch (err) {
      const code = err instanceof RequestError ? err.code : '';
      this.notices.show(claimErrors[code] ?? `Could not claim the chat: ${messageOf(err)}`, 'error');
    }
  }

  /** Shows the chat's tab, opening it from the server when needed (or refreshing it). */
  private async openChat(conversationId: string, activate = true): Promise<void> {
    const existing = this.tabs.get(conversationId);
    if (existing && activate) this.tabs.activate(conversationId);
    try {
      this.show(await this.socket.open(conversationId), activate && !existing);
    } catch (err) {
      this.notices.show(`Could not open the chat: ${messageOf(err)}`, 'error');
    }
  }

  private show(detail: ChatDetail, activate: boolean): void {
    const id = detail.conversationId;
    let view = this.tabs.get(id);
    if (view) view.apply(detail);
    else {
      view = new ChatView(detail, this.socket, this.notices, {
        transfer: (v) => void this.actions.transfer(v),
        resolve: (v) => void this.actions.resolve(v),
        spam: (v) => void this.actions.spam(v.conversationId),
      });
      const summary = this.mine.find((c) => c.conversationId === id);
      const preview = summary?.preview ?? detail.messages.find((m) => m.role === 'visitor')?.text ?? 'Chat';
      this.tabs.add(view, `${detail.lang.toUpperCase()} · ${preview.slice(0, 24)}`);
    }
    for (const m of this.buffered.get(id) ?? []) view.addMessage(m);
    this.buffered.delete(id);
    if (this.unread.has(id)) this.tabs.setUnread(id, true);
    if (activate) this.tabs.activate(id);
  }

  private closeChat(conversationId: string): void {
    this.tabs.close(conversationId);
    this.buffered.delete(conversationId);
    this.unread.delete(conversationId);
    this.queue.setUnread(conversationId, false);
    this.updateTitle();
  }

  private async signOut(): Promise<void> {
    this.destroy();
    await logout();
    this.onSignedOut();
  }
}
