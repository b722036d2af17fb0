import { adminApi, AdminApiError, csvUrl } from './admin-api.js';
import { barChart, dataTable } from './charts.js';
import { el } from './dom.js';
import type { Notices } from './notices.js';

/** The report as /console/api/admin/reports answers it (reports/types.ts on the server). */
interface Articles {
  readonly articleId: string;
  readonly answers: number;
  readonly resolved: number;
  readonly helpful: number;
  readonly notHelpful: number;
  readonly resolution: number;
}
interface Report {
  readonly query: { readonly from: string; readonly to: string };
  readonly counts: {
    readonly conversations: number;
    readonly answers: number;
    readonly clarifications: number;
    readonly unresolved: number;
    readonly handoffs: number;
    readonly tickets: number;
    readonly firstResponse: { readonly count: number; readonly meanMs: number | null };
    readonly handle: { readonly count: number; readonly meanMs: number | null };
    readonly slaBreaches: number;
    readonly daily: ReadonlyArray<
      Record<'conversations' | 'answers' | 'unresolved' | 'handoffs' | 'tickets', number> & { day: string }
    >;
  };
  readonly rates: Record<string, number | null>;
  readonly csat: {
    readonly count: number;
    readonly average: number | null;
    readonly distribution: readonly number[];
  };
  readonly topArticles: readonly Articles[];
  readonly bottomArticles: readonly Articles[];
}

const rateNames: ReadonlyArray<[string, string, string]> = [
  ['involvement', 'Involvement', 'Conversations in which the bot replied, of all conversations started.'],
  [
    'answerRate',
    'Answer rate',
    'Bot turns that answered with an article, of answers, clarifications and unresolved replies.',
  ],
  ['containment', 'Containment', 'Conversations the bot replied in that had no handoff and no ticket.'],
  [
    'resolution',
    'Resolution rate',
    'Answers rated helpful, or not followed by a handoff or another question within 10 minutes.',
  ],
  ['handoffRate', 'Handoff rate', 'Handoffs requested per conversation started.'],
  ['ticketRate', 'Ticket rate', 'Tickets created per conversation started.'],
];

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const duration = (ms: number | null) => {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The admins' Reports view: a date range and language/channel filters; the counts, the rates (each with
 * its definition), daily activity and the CSAT distribution as hand-rolled SVG charts, each with its data
 * table, agent times and the top and bottom articles; every chart downloadable as CSV.
 */
export class ReportsView {
  readonly element: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly body: HTMLElement;
  private readonly status: HTMLElement;
  private readonly inputs: Record<'from' | 'to' | 'lang' | 'channel', HTMLInputElement>;
  private request = 0;

  constructor(
    private readonly notices: Notices,
    private readonly unauthenticated: () => void,
  ) {
    this.element = el('section', { class: 'admin-view reports-view', 'aria-labelledby': 'reports-title' });
    const title = el('h2', { id: 'reports-title' }, 'Reports');
    this.form = el('form', { class: 'report-filters', 'aria-label': 'Report filters' });
    const today = new Date();
    const field = (name: keyof ReportsView['inputs'], label: string, attrs: Record<string, string>) => {
      const input = el('input', { id: `report-${name}`, name, ...attrs });
      const wrap = el('label', { for: input.id, class: 'field' }, label);
      wrap.append(input);
      this.form.append(wrap);
      return input;
    };
    this.inputs = {
      from: field('from', 'From', {
        type: 'date',
        value: dayOf(new Date(today.getTime() - 29 * 86_400_000)),
        required: '',
      }),
      to: field('to', 'To', { type: 'date', value: dayOf(today), required: '' }),
      lang: field('lang', 'Language', {
        type: 'text',
        placeholder: 'all (or en, fi…)',
        pattern: '[a-z]{2,3}',
        size: '8',
      }),
      channel: field('channel', 'Channel', {
        type: 'text',
        placeholder: 'all (or web…)',
        pattern: '[a-z][a-z0-9\\-]*',
        size: '10',
      }),
    };
    this.form.append(el('button', { type: 'submit', class: 'primary' }, 'Show'));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    });
    this.status = el('p', { class: 'report-status', role: 'status' });
    this.body = el('div', { class: 'report-body' });
    this.element.append(title, this.form, this.status, this.body);
  }

  show(): void {
    this.element.hidden = false;
    void this.load();
  }

  hide(): void {
    this.element.hidden = true;
  }

  private query(): URLSearchParams {
    const q = new URLSearchParams({ from: this.inputs.from.value, to: this.inputs.to.value });
    const lang = this.inputs.lang.value.trim();
    const channel = this.inputs.channel.value.trim();
    if (lang) q.set('lang', lang);
    if (channel) q.set('channel', channel);
    return q;
  }

  private async load(): Promise<void> {
    const n = ++this.request;
    const query = this.query();
    this.status.textContent = 'Loading…';
    try {
      const report = await adminApi<Report>(`/reports?${query.toString()}`);
      if (n !== this.request) return;
      this.status.textContent = `${report.counts.conversations} conversations from ${query.get('from')} to ${query.get('to')}.`;
      this.render(report, query);
    } catch (err) {
      if (n !== this.request) return;
      if (err instanceof AdminApiError && err.status === 401) return this.unauthenticated();
      const message =
        err instanceof AdminApiError ? [err.message, ...err.details].join(' ') : 'The report failed.';
      this.status.textContent = message;
      this.notices.show(message, 'error');
    }
  }

  private section(title: string, chart: string, query: URLSearchParams, ...content: Node[]): HTMLElement {
    const id = `report-${chart}`;
    const s = el('section', { class: 'report-card', 'aria-labelledby': `${id}-h` });
    const head = el('div', { class: 'report-card-head' });
    const link = el(
      'a',
      { href: csvUrl(query, chart), download: '', class: 'csv-link', id: `${id}-csv` },
      'Download CSV',
    );
    link.setAttribute('aria-label', `Download CSV of ${title}`);
    head.append(el('h3', { id: `${id}-h` }, title), link);
    s.append(head, ...content);
    return s;
  }

  private render(r: Report, q: URLSearchParams): void {
    const c = r.counts;
    const counts = el('dl', { class: 'kpi-grid' });
    for (const [label, value] of [
      ['Conversations', c.conversations],
      ['Bot answers', c.answers],
      ['Clarifications', c.clarifications],
      ['Unresolved', c.unresolved],
      ['Handoffs', c.handoffs],
      ['Tickets', c.tickets],
    ] as const) {
      const item = el('div', { class: 'kpi' });
      item.append(el('dt', {}, label), el('dd', { 'data-kpi': label }, String(value)));
      counts.append(item);
    }
    const rates = dataTable(
      'Rates and how they are computed',
      ['Rate', 'Value', 'Definition'],
      rateNames.map(([key, name, definition]) => [name, percent(r.rates[key] ?? null), definition]),
    );
    const days = c.daily.map((d) => d.day.slice(5));
    const dailyChart = barChart(
      'Daily activity',
      `Conversations, bot answers, unresolved questions, handoffs and tickets per day, ${c.daily.length} days with activity.`,
      days,
      [
        { name: 'Conversations', color: '#2f5d50', values: c.daily.map((d) => d.conversations) },
        { name: 'Answers', color: '#6a9f8f', values: c.daily.map((d) => d.answers) },
        { name: 'Unresolved', color: '#b45309', values: c.daily.map((d) => d.unresolved) },
        { name: 'Handoffs', color: '#1d5fbf', values: c.daily.map((d) => d.handoffs) },
      ],
    );
    const dailyTable = details(
      'Daily activity as a table',
      dataTable(
        'Daily activity',
        ['Day', 'Conversations', 'Answers', 'Unresolved', 'Handoffs', 'Tickets'],
        c.daily.map((d) => [d.day, d.conversations, d.answers, d.unresolved, d.handoffs, d.tickets]),
      ),
    );
    const csatAverage = r.csat.average === null ? 'no ratings' : `average ${r.csat.average.toFixed(2)} of 5`;
    const csatChart = barChart(
      'Customer satisfaction ratings',
      `${r.csat.count} ratings, ${csatAverage}.`,
      ['1', '2', '3', '4', '5'],
      [{ name: 'Ratings', color: '#2f5d50', values: r.csat.distribution }],
    );
    const csatTable = details(
      'Ratings as a table',
      dataTable(
        'CSAT distribution',
        ['Rating', 'Count'],
        r.csat.distribution.map((n, i) => [String(i + 1), n]),
      ),
    );
    const agentTimes = dataTable(
      'Agent times',
      ['Measure', 'Value', 'Over'],
      [
        [
          'Time to first agent response (mean)',
          duration(c.firstResponse.meanMs),
          `${c.firstResponse.count} handoffs`,
        ],
        ['Handle time (mean)', duration(c.handle.meanMs), `${c.handle.count} resolved handoffs`],
        ['SLA breaches', String(c.slaBreaches), `${c.tickets} tickets`],
      ],
    );
    const articleRows = (list: readonly Articles[]) =>
      list.map((a) => [a.articleId, a.answers, percent(a.resolution), a.helpful, a.notHelpful]);
    const head = ['Article', 'Answers', 'Resolution', 'Helpful', 'Not helpful'];
    this.body.replaceChildren(
      this.section('Counts', 'counts', q, counts),
      this.section('Rates', 'rates', q, rates),
      this.section('Daily activity', 'daily', q, dailyChart, dailyTable),
      this.section(`Customer satisfaction (${csatAverage})`, 'csat', q, csatChart, csatTable),
      this.section('Agent times', 'agent-times', q, agentTimes),
      this.section(
        'Articles',
        'articles',
        q,
        dataTable('Most answered articles', head, articleRows(r.topArticles)),
        dataTable('Lowest resolution', head, articleRows(r.bottomArticles)),
      ),
    );
  }

  destroy(): void {
    this.request++;
  }
}

function details(summary: string, content: HTMLElement): HTMLElement {
  const d = el('details', { class: 'chart-data' });
  d.append(el('summary', {}, summary), content);
  return d;
}
