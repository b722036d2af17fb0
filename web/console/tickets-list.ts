import { channelBadge } from './channel.js';
import { NodeCache, badge, button, el, reconcile } from './dom.js';
import { ago, slaBadge, slaState, when } from './tickets-sla.js';
import {
  ticketPriorities,
  ticketStatuses,
  type AgentSummary,
  type Ticket,
  type TicketQuery,
  type TicketSort,
} from './tickets-types.js';

export interface ListHandlers {
  /** The filters, the search or the sort changed (or "Refresh" was pressed). */
  query(): void;
  open(ticket: Ticket): void;
}

const sorts: ReadonlyArray<readonly [TicketSort, string]> = [
  ['updated', 'Recently updated'],
  ['created', 'Newest first'],
  ['priority', 'Priority'],
  ['due', 'Due soonest'],
];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const searchDelayMs = 300;

function control(id: string, text: string, node: HTMLElement): HTMLElement {
  node.id = id;
  const wrap = el('div', { class: 'filter' });
  wrap.append(el('label', { for: id }, text), node);
  return wrap;
}

function options(node: HTMLSelectElement, list: ReadonlyArray<readonly [string, string]>): void {
  const keep = node.value;
  node.replaceChildren(...list.map(([value, text]) => el('option', { value }, text)));
  node.value = list.some(([v]) => v === keep) ? keep : '';
}

/** The ticket list: filters, search and sort above a table; a row opens its ticket. */
export class TicketList {
  readonly element: HTMLElement;
  private readonly q = el('input', {
    type: 'search',
    autocomplete: 'off',
    placeholder: 'Words, FD-…, email',
  });
  private readonly status = el('select');
  private readonly priority = el('select');
  private readonly lang = el('select');
  private readonly assignee = el('select');
  private readonly sort = el('select');
  private readonly overdue = el('input', { type: 'checkbox' });
  private readonly count = el('p', { class: 'tickets-count' });
  private readonly error = el('p', { class: 'ticket-error list-error', role: 'alert' });
  private readonly body = el('tbody');
  private readonly rows = new NodeCache<HTMLTableRowElement>();
  private readonly langs = new Set<string>();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly handlers: ListHandlers) {
    this.element = el('section', { class: 'tickets-list', 'aria-label': 'Ticket list' });
    options(this.status, [['', 'Any status'], ...ticketStatuses.map((s) => [s, capital(s)] as const)]);
    options(this.priority, [['', 'Any priority'], ...ticketPriorities.map((p) => [p, capital(p)] as const)]);
    options(this.lang, [['', 'Any language']]);
    options(this.assignee, [
      ['', 'Anyone'],
      ['me', 'Me'],
    ]);
    options(this.sort, sorts);
    this.sort.value = 'updated';
    const filters = el('form', { class: 'ticket-filters', role: 'search', 'aria-label': 'Filter tickets' });
    const overdue = el('label', { class: 'filter filter-check', for: 'tickets-overdue' });
    this.overdue.id = 'tickets-overdue';
    overdue.append(this.overdue, document.createTextNode(' Overdue only'));
    filters.append(
      control('tickets-q', 'Search', this.q),
      control('tickets-status', 'Status', this.status),
      control('tickets-priority', 'Priority', this.priority),
      control('tickets-lang', 'Language', this.lang),
      control('tickets-assignee', 'Assignee', this.assignee),
      control('tickets-sort', 'Sort', this.sort),
      overdue,
      button('Refresh', () => handlers.query(), { class: 'refresh-tickets' }),
    );
    filters.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.searchTimer);
      handlers.query();
    });
    for (const node of [this.status, this.priority, this.lang, this.assignee, this.sort, this.overdue])
      node.addEventListener('change', () => handlers.query());
    this.q.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => handlers.query(), searchDelayMs);
    });

    const table = el('table', { class: 'tickets-table' });
    table.append(el('caption', { class: 'visually-hidden' }, 'Tickets'));
    const head = el('tr');
    const columns = ['Ticket', 'Subject', 'Status', 'Priority', 'Language', 'Channel', 'Assignee', 'Updated'];
    for (const h of [...columns, 'SLA']) head.append(el('th', { scope: 'col' }, h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead, this.body);
    const scroll = el('div', { class: 'tickets-scroll' });
    scroll.append(table);
    this.element.append(filters, this.count, this.error, scroll);
  }

  get query(): TicketQuery {
    return {
      status: this.status.value as TicketQuery['status'],
      priority: this.priority.value as TicketQuery['priority'],
      lang: this.lang.value,
      assignee: this.assignee.value,
      overdue: this.overdue.checked,
      q: this.q.value,
      sort: this.sort.value as TicketSort,
    };
  }

  setAgents(agents: readonly AgentSummary[], selfId: string): void {
    const others = agents.filter((a) => a.id !== selfId).map((a) => [a.id, a.name] as const);
    options(this.assignee, [['', 'Anyone'], ['me', 'Me'], ['none', 'Unassigned'], ...others]);
  }

  setError(text: string): void {
    this.error.textContent = text;
  }

  /** Shows the tickets; `now` is the server's clock (for the SLA badges). */
  set(
    tickets: readonly Ticket[],
    now: number,
    agents: readonly AgentSummary[],
    selected: string | null,
  ): void {
    this.error.textContent = '';
    for (const t of tickets) this.langs.add(t.lang);
    if (this.lang.options.length !== this.langs.size + 1)
      options(this.lang, [
        ['', 'Any language'],
        ...[...this.langs].sort().map((l) => [l, l.toUpperCase()] as const),
      ]);
    this.count.textContent =
      tickets.length === 1 ? '1 ticket' : `${tickets.length === 0 ? 'No' : tickets.length} tickets`;
    const names = new Map(agents.map((a) => [a.id, a.name]));
    if (tickets.length === 0) {
      const empty = el('td', { colspan: '9', class: 'empty' }, 'No tickets match these filters.');
      const row = el('tr');
      row.append(empty);
      this.body.replaceChildren(row);
      this.rows.retain([]);
      return;
    }
    const rows = tickets.map((t) => {
      const assignee = t.assignee ? (names.get(t.assignee) ?? t.assignee) : '—';
      const isSelected = selected === t.number || selected === t.id;
      const signature = JSON.stringify([
        t.updatedAt,
        t.subject,
        t.status,
        t.priority,
        t.lang,
        t.channel,
        assignee,
        isSelected,
        slaState(t, now)?.text,
        ago(t.updatedAt, now),
      ]);
      return this.rows.get(t.id, signature, () => this.row(t, assignee, now, isSelected));
    });
    this.rows.retain(tickets.map((t) => t.id));
    reconcile(this.body, rows);
  }

  private row(t: Ticket, assignee: string, now: number, selected: boolean): HTMLTableRowElement {
    const tr = el('tr', { class: `ticket-row${selected ? ' is-selected' : ''}`, 'data-number': t.number });
    if (selected) tr.setAttribute('aria-current', 'true');
    const open = button(t.number, () => this.handlers.open(t), { class: 'open-ticket' });
    open.setAttribute('aria-label', `Open ${t.number}: ${t.subject.slice(0, 80)}`);
    const cells: Array<Node | string> = [
      open,
      t.subject,
      badge(t.status, `status status-${t.status}`),
      badge(t.priority, `priority-${t.priority}`),
      t.lang.toUpperCase(),
      channelBadge(t.channel),
      assignee,
      el('time', { datetime: t.updatedAt, title: when(t.updatedAt) }, ago(t.updatedAt, now)),
      slaBadge(t, now) ?? '',
    ];
    const classes = [
      'number',
      'subject',
      'status',
      'priority',
      'lang',
      'channel',
      'assignee',
      'updated',
      'sla',
    ];
    cells.forEach((content, i) => {
      const td = el('td', { class: `col-${classes[i] ?? ''}` });
      if (i === 1) td.dir = 'auto';
      td.append(content);
      tr.append(td);
    });
    tr.addEventListener('click', (e) => {
      if (!(e.target instanceof Element && e.target.closest('button'))) this.handlers.open(t);
    });
    return tr;
  }

  destroy(): void {
    clearTimeout(this.searchTimer);
  }
}
