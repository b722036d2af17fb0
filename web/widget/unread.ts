import { el } from './dom.js';

interface Seen {
  readonly seq: number;
  readonly role: string;
}

/** Per visitor token (one conversation per visitor on the web channel). */
const storageKey = (visitorToken: string) => `frontdesk:seen:${visitorToken.slice(0, 16)}`;

/**
 * The launcher's badge: bot and agent messages that arrived while the panel was closed, including ticket
 * replies that came while the visitor was away. The last seen position is kept per visitor in
 * localStorage, so a visitor who comes back sees how many messages are new before opening the chat.
 */
export class UnreadBadge {
  readonly element: HTMLElement;
  private visitorToken: string | null = null;
  private seen = 0;
  private latest = 0;
  private count = 0;

  constructor(private label: (count: number) => string) {
    this.element = el('span', { class: 'fd-badge', 'aria-live': 'polite' });
    this.element.hidden = true;
  }

  setLabel(label: (count: number) => string): void {
    this.label = label;
    this.render();
  }

  /** A session (re)started: counts the messages after the last one the visitor saw. */
  start(visitorToken: string, messages: readonly Seen[], open: boolean): void {
    this.visitorToken = visitorToken;
    const stored = readSeq(storageKey(visitorToken));
    this.latest = messages.reduce((max, m) => Math.max(max, m.seq), 0);
    // Never stored (a new conversation, or storage blocked): what is there now counts as seen.
    this.seen = stored ?? this.latest;
    this.count = messages.filter((m) => m.seq > this.seen && m.role !== 'visitor').length;
    if (open) this.allSeen();
    else this.render();
  }

  /** A message arrived live. */
  arrived(m: Seen, open: boolean): void {
    this.latest = Math.max(this.latest, m.seq);
    if (open) return this.allSeen();
    if (m.role !== 'visitor' && m.seq > this.seen) this.count += 1;
    this.render();
  }

  /** The panel is open: everything in it is seen. */
  allSeen(): void {
    this.seen = this.latest;
    this.count = 0;
    if (this.visitorToken) writeSeq(storageKey(this.visitorToken), this.seen);
    this.render();
  }

  private render(): void {
    this.element.hidden = this.count === 0;
    this.element.textContent = this.count > 99 ? '99+' : String(this.count);
    this.element.setAttribute('aria-label', this.label(this.count));
  }
}

function readSeq(key: string): number | null {
  try {
    const v = localStorage.getItem(key);
    return v === null || !/^\d+$/.test(v) ? null : Number(v);
  } catch {
    return null;
  }
}

function writeSeq(key: string, seq: number): void {
  try {
    localStorage.setItem(key, String(seq));
  } catch {
    // storage blocked: the badge only counts what arrives while the page is open
  }
}
