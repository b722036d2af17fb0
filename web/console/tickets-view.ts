import { el } from './dom.js';
import type { Notices } from './notices.js';
import { TicketApiError, ticketApi } from './tickets-api.js';
import { TicketDetail, textOf } from './tickets-detail.js';
import { TicketList } from './tickets-list.js';
import type { AgentSummary, Ticket } from './tickets-types.js';

/** The list (and an open ticket) are fetched again this often while the view is shown. */
const refreshMs = 30_000;

/**
 * The console's Tickets view: the list with its filters beside the open ticket. It polls while shown
 * (every 30 s and on every filter change) and stops when hidden.
 */
export class TicketsView {
  readonly element: HTMLElement;
  private readonly list: TicketList;
  private readonly pane: HTMLElement;
  private readonly empty: HTMLElement;
  private detail: TicketDetail | null = null;
  private agents: readonly AgentSummary[] = [];
  private tickets: readonly Ticket[] = [];
  /** Server clock minus this browser's, from the last list response. */
  private skew = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private request = 0;

  constructor(
    private readonly selfId: string,
    private readonly notices: Notices,
    private readonly unauthenticated: () => void,
  ) {
    this.element = el('section', { class: 'tickets-view', 'aria-label': 'Tickets' });
    this.list = new TicketList({
      query: () => void this.load(),
      open: (t) => this.open(t.number),
    });
    this.pane = el('div', { class: 'ticket-panel' });
    this.empty = el('p', { class: 'panes-empty' }, 'Choose a ticket to see it here.');
    this.pane.append(this.empty);
    this.element.append(this.list.element, this.pane);
  }

  /** Shown: loads the agents and the list, and starts the 30-second refresh. */
  show(): void {
    this.element.hidden = false;
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), refreshMs);
    void this.loadAgents();
    this.refresh();
  }

  hide(): void {
    this.element.hidden = true;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  destroy(): void {
    this.hide();
    this.list.destroy();
    this.detail?.destroy();
  }

  /** Opens a ticket by number (or id) in the panel. */
  open(key: string): void {
    if (this.detail?.key === key) {
      void this.detail.refresh();
      return;
    }
    this.detail?.destroy();
    this.detail = new TicketDetail(key, {
      agents: () => this.agents,
      now: () => Date.now() + this.skew,
      changed: () => void this.load(),
      open: (number) => this.open(number),
      notice: (text) => this.notices.show(text),
      unauthenticated: this.unauthenticated,
    });
    this.pane.replaceChildren(this.detail.element);
    this.render();
  }

  private refresh(): void {
    void this.load();
    void this.detail?.refresh();
  }

  private async loadAgents(): Promise<void> {
    try {
      this.agents = await ticketApi.agents();
      this.list.setAgents(this.agents, this.selfId);
      this.detail?.rerender();
      this.render();
    } catch (err) {
      if (err instanceof TicketApiError && err.status === 401) this.unauthenticated();
    }
  }

  /** Fetches the list for the current filters; an older answer arriving late is dropped. */
  private async load(): Promise<void> {
    const n = ++this.request;
    try {
      const { tickets, now } = await ticketApi.list(this.list.query);
      if (n !== this.request) return;
      const server = Date.parse(now);
      this.skew = Number.isFinite(server) ? server - Date.now() : 0;
      this.tickets = tickets;
      this.render();
    } catch (err) {
      if (n !== this.request) return;
      if (err instanceof TicketApiError && err.status === 401) return this.unauthenticated();
      this.list.setError(`Could not load the tickets: ${textOf(err)}`);
    }
  }

  private render(): void {
    this.list.set(this.tickets, Date.now() + this.skew, this.agents, this.detail?.key ?? null);
  }
}
