import type { ChatSummary, QueueItem } from '../../channels/web/agent-events.js';
import { channelBadge } from './channel.js';
import { NodeCache, badge, button, el, reconcile, waitingFor } from './dom.js';

export interface QueueHandlers {
  /** Claim a waiting chat; the promise settles when the server has answered. */
  onClaim(item: QueueItem): Promise<void>;
  /** Mark a waiting chat as spam (it leaves the queue, its visitor is blocked). */
  onSpam(item: QueueItem): void;
  /** Open (or show) one of the agent's own chats. */
  onOpen(chat: ChatSummary): void;
}

/** The left column: the queue the agent may claim from, then "My chats". */
export class QueueView {
  readonly element: HTMLElement;
  private readonly queueList: HTMLUListElement;
  private readonly queueCount: HTMLElement;
  private readonly mineList: HTMLUListElement;
  private readonly offered = new Set<string>();
  private readonly claiming = new Set<string>();
  private readonly unread = new Set<string>();
  private queue: readonly QueueItem[] = [];
  private mine: readonly ChatSummary[] = [];
  private active: string | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly queueNodes = new NodeCache<HTMLLIElement>();
  private readonly mineNodes = new NodeCache<HTMLLIElement>();

  constructor(private readonly handlers: QueueHandlers) {
    this.element = el('aside', { class: 'sidebar', 'aria-label': 'Chats' });
    const queueSection = el('section', { class: 'queue', 'aria-labelledby': 'queue-title' });
    const heading = el('h2', { id: 'queue-title' }, 'Queue ');
    this.queueCount = el('span', { class: 'count' }, '0');
    heading.append(this.queueCount);
    this.queueList = el('ul', { class: 'queue-list' });
    queueSection.append(heading, this.queueList);
    const mineSection = el('section', { class: 'mine', 'aria-labelledby': 'mine-title' });
    this.mineList = el('ul', { class: 'mine-list' });
    mineSection.append(el('h2', { id: 'mine-title' }, 'My chats'), this.mineList);
    this.element.append(queueSection, mineSection);
    this.timer = setInterval(() => this.tick(), 10_000);
    this.render();
  }

  set(queue: readonly QueueItem[], mine: readonly ChatSummary[]): void {
    this.queue = queue;
    this.mine = mine;
    const waiting = new Set(queue.map((q) => q.handoffId));
    for (const id of this.offered) if (!waiting.has(id)) this.offered.delete(id);
    this.render();
  }

  /** Routing offered this chat to the agent first: highlight it (and show it, if the queue is behind). */
  offer(item: QueueItem): void {
    this.offered.add(item.handoffId);
    if (!this.queue.some((q) => q.handoffId === item.handoffId)) this.queue = [...this.queue, item];
    this.render();
  }

  setUnread(conversationId: string, unread: boolean): void {
    if (unread) this.unread.add(conversationId);
    else this.unread.delete(conversationId);
    this.renderMine();
  }

  setActive(conversationId: string | null): void {
    this.active = conversationId;
    this.renderMine();
  }

  destroy(): void {
    clearInterval(this.timer);
  }

  private render(): void {
    this.renderQueue();
    this.renderMine();
  }

  private renderQueue(): void {
    this.queueCount.textContent = String(this.queue.length);
    if (this.queue.length === 0) {
      this.queueList.replaceChildren(el('li', { class: 'empty' }, 'No chats waiting.'));
      this.queueNodes.retain([]);
      return;
    }
    const nodes = this.queue.map((item) => {
      const offered = this.offered.has(item.handoffId);
      const node = this.queueNodes.get(item.handoffId, JSON.stringify([item, offered]), () =>
        this.queueItem(item, offered),
      );
      const claim = node.querySelector<HTMLButtonElement>('button.claim');
      if (claim) claim.disabled = this.claiming.has(item.handoffId);
      return node;
    });
    this.queueNodes.retain(this.queue.map((q) => q.handoffId));
    reconcile(this.queueList, nodes);
    this.tick();
  }

  private queueItem(item: QueueItem, offered: boolean): HTMLLIElement {
    const li = el('li', {
      class: `queue-item${offered ? ' is-offered' : ''}`,
      'data-handoff-id': item.handoffId,
    });
    const top = el('div', { class: 'item-top' });
    top.append(badge(item.lang.toUpperCase(), 'lang'), channelBadge(item.channel));
    top.append(el('time', { class: 'wait', datetime: item.queuedAt }, waitingFor(item.queuedAt)));
    if (offered) top.append(badge('Offered to you', 'offer'));
    if (item.targetAgent) top.append(badge('Transferred to you', 'target'));
    else if (item.targetSkill) top.append(badge(`For ${item.targetSkill}`, 'target'));
    const preview = el('p', { class: 'preview', dir: 'auto', lang: item.lang }, item.preview);
    const skills = el('div', { class: 'skills' });
    for (const skill of item.skills) skills.append(badge(skill, 'skill'));
    const claim = button('Claim', () => {
      this.claiming.add(item.handoffId);
      claim.disabled = true;
      void this.handlers.onClaim(item).finally(() => {
        this.claiming.delete(item.handoffId);
        this.renderQueue();
      });
    });
    claim.className = 'claim primary';
    claim.setAttribute('aria-label', `Claim chat: ${item.preview.slice(0, 60)}`);
    const spam = button('Spam', () => this.handlers.onSpam(item), { class: 'spam' });
    spam.setAttribute('aria-label', `Mark as spam and block the visitor: ${item.preview.slice(0, 60)}`);
    li.append(top, preview, skills, claim, spam);
    return li;
  }

  private renderMine(): void {
    if (this.mine.length === 0) {
      this.mineList.replaceChildren(el('li', { class: 'empty' }, 'No chats yet.'));
      this.mineNodes.retain([]);
      return;
    }
    const nodes = this.mine.map((chat) => {
      const active = chat.conversationId === this.active;
      const unread = this.unread.has(chat.conversationId);
      const signature = JSON.stringify([chat.lang, chat.channel, chat.preview, active, unread]);
      return this.mineNodes.get(chat.conversationId, signature, () => {
        const li = el('li', {
          class: `mine-item${active ? ' is-active' : ''}`,
          'data-conversation-id': chat.conversationId,
        });
        const open = button('', () => this.handlers.onOpen(chat), { class: 'mine-open' });
        if (active) open.setAttribute('aria-current', 'true');
        open.append(
          badge(chat.lang.toUpperCase(), 'lang'),
          channelBadge(chat.channel),
          el('span', { class: 'preview', dir: 'auto', lang: chat.lang }, chat.preview || 'Chat'),
        );
        if (unread)
          open.append(el('span', { class: 'unread-dot', role: 'img', 'aria-label': 'New messages' }));
        li.append(open);
        return li;
      });
    });
    this.mineNodes.retain(this.mine.map((c) => c.conversationId));
    reconcile(this.mineList, nodes);
  }

  /** Waiting times move on by themselves. */
  private tick(): void {
    const now = Date.now();
    for (const time of this.queueList.querySelectorAll<HTMLTimeElement>('time.wait'))
      time.textContent = waitingFor(time.dateTime, now);
  }
}
