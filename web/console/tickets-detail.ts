import { channelBadge, channelName } from './channel.js';
import { confirmDialog } from './dialogs.js';
import { badge, button, el } from './dom.js';
import { TicketApiError, ticketApi } from './tickets-api.js';
import { TicketControls, ticketComposer } from './tickets-controls.js';
import { slaBadge, slaState, when } from './tickets-sla.js';
import {
  auditSection,
  commentsSection,
  csatSection,
  facts,
  fieldsSection,
  transcriptSection,
} from './tickets-thread.js';
import type { AgentSummary, Ticket, TicketChange } from './tickets-types.js';

export interface DetailContext {
  agents(): readonly AgentSummary[];
  /** The server's clock, as the last list response told it. */
  now(): number;
  /** A ticket changed here (the list refreshes). */
  changed(): void;
  /** Opens another ticket (the one this was merged into). */
  open(number: string): void;
  notice(text: string): void;
  /** The session ended (401). */
  unauthenticated(): void;
}

/** While a public reply's delivery is unknown, the ticket is fetched again this often (a few times). */
const deliveryPollMs = 1500;
const deliveryPolls = 20;

/**
 * One open ticket: its header, the property controls, the request, the transcript, the replies and notes
 * with the composer, the CSAT, the audit trail and the merge control.
 */
export class TicketDetail {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly controls: TicketControls;
  private readonly content: HTMLElement;
  private readonly composer: HTMLElement;
  private readonly after: HTMLElement;
  private ticket: Ticket | null = null;
  private signature = '';
  private polls = 0;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;

  constructor(
    readonly key: string,
    private readonly ctx: DetailContext,
  ) {
    this.element = el('section', { class: 'ticket-pane', 'aria-labelledby': 'ticket-title' });
    this.heading = el('h2', { id: 'ticket-title', class: 'ticket-title', dir: 'auto' }, `Ticket ${key}`);
    this.summary = el('div', { class: 'ticket-summary' }, 'Loading…');
    this.controls = new TicketControls({
      change: (change) => this.change(change),
      merge: (into) => this.merge(into),
    });
    this.content = el('div', { class: 'ticket-content' });
    this.composer = ticketComposer((body, internal) => this.comment(body, internal));
    this.after = el('div', { class: 'ticket-after' });
    this.controls.element.hidden = true;
    this.composer.hidden = true;
    this.element.append(
      this.heading,
      this.summary,
      this.controls.element,
      this.content,
      this.composer,
      this.after,
    );
    void this.refresh();
  }

  /** Fetches the ticket again; a failure shows where the ticket would be. */
  async refresh(): Promise<void> {
    try {
      this.show(await ticketApi.get(this.key));
    } catch (err) {
      if (this.destroyed) return;
      if (err instanceof TicketApiError && err.status === 401) return this.ctx.unauthenticated();
      if (this.ticket) this.ctx.notice(`Could not refresh ${this.key}: ${textOf(err)}`);
      else this.summary.replaceChildren(el('p', { class: 'ticket-error', role: 'alert' }, textOf(err)));
    }
  }

  /** Re-renders the agents' names (the assignee select) without fetching. */
  rerender(): void {
    if (this.ticket) this.controls.set(this.ticket, this.ctx.agents());
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.pollTimer);
  }

  private show(t: Ticket): void {
    if (this.destroyed) return;
    this.ticket = t;
    this.controls.set(t, this.ctx.agents());
    this.controls.element.hidden = false;
    this.composer.hidden = false;
    // the SLA badge moves on with the clock, so its text is part of what is compared
    const signature = JSON.stringify([t, slaState(t, this.ctx.now())?.text]);
    if (signature !== this.signature) {
      this.signature = signature;
      this.render(t);
    }
    this.pollDelivery(t);
  }

  private render(t: Ticket): void {
    this.heading.replaceChildren(
      el('span', { class: 'ticket-number' }, t.number),
      document.createTextNode(' '),
      el('span', { class: 'ticket-subject', dir: 'auto' }, t.subject),
    );
    const badges = el('div', { class: 'ticket-badges' });
    badges.append(
      badge(t.status, `status status-${t.status}`),
      badge(t.priority, `priority-${t.priority}`),
      channelBadge(t.channel),
    );
    const sla = slaBadge(t, this.ctx.now());
    if (sla) badges.append(sla);
    for (const tag of t.tags) badges.append(badge(tag, 'tag'));
    const about = facts([
      ['Requester', t.requester.email ?? t.requester.name ?? t.requester.channelId ?? '—'],
      ['Language', t.lang],
      ['Channel', channelName(t.channel)],
      ['Team', t.team ?? '—'],
      ['Category', t.category ?? '—'],
      ['Tags', t.tags.length ? t.tags.join(', ') : '—'],
      ['Created', when(t.createdAt)],
      ['First reply', t.firstRepliedAt ? when(t.firstRepliedAt) : 'not yet'],
    ]);
    about.classList.add('ticket-facts');
    this.summary.replaceChildren(badges, about);
    if (t.mergedInto) {
      const target = t.mergedInto;
      const notice = el('p', { class: 'merged-notice', role: 'status' }, `Merged into ${target}. `);
      notice.append(button(`Open ${target}`, () => this.ctx.open(target), { class: 'open-merged' }));
      this.summary.prepend(notice);
    }
    const sections = [fieldsSection(t), transcriptSection(t), commentsSection(t)];
    this.content.replaceChildren(...sections.filter((s): s is HTMLElement => s !== null));
    const audit = this.after.querySelector<HTMLDetailsElement>('details.audit-section');
    const rest = [csatSection(t), auditSection(t, audit?.open ?? false), this.controls.merge];
    this.after.replaceChildren(...rest.filter((s): s is HTMLElement => s !== null));
  }

  /** Public replies are delivered in the background: look again until each has its delivery. */
  private pollDelivery(t: Ticket): void {
    clearTimeout(this.pollTimer);
    const waiting = t.comments.some((c) => !c.internal && c.author.kind !== 'requester' && !c.delivery);
    if (!waiting) {
      this.polls = 0;
      return;
    }
    if (this.polls >= deliveryPolls) return;
    this.polls += 1;
    this.pollTimer = setTimeout(() => void this.refresh(), deliveryPollMs);
  }

  /** Runs a request that returns the ticket; resolves with the error text, or null. */
  private async attempt(run: () => Promise<Ticket>): Promise<string | null> {
    try {
      this.show(await run());
      this.ctx.changed();
      return null;
    } catch (err) {
      if (err instanceof TicketApiError && err.status === 401) this.ctx.unauthenticated();
      return textOf(err);
    }
  }

  private change(change: TicketChange): Promise<string | null> {
    return this.attempt(() => ticketApi.update(this.key, change));
  }

  private comment(body: string, internal: boolean): Promise<string | null> {
    this.polls = 0;
    return this.attempt(() => ticketApi.comment(this.key, body, internal));
  }

  private async merge(into: string): Promise<string | null | false> {
    const number = this.ticket?.number ?? this.key;
    const sure = await confirmDialog(
      `Merge ${number} into ${into}?`,
      `${number} is closed and its subject, fields and public replies are added to ${into} as an internal note. This cannot be undone.`,
      'Merge',
    );
    if (!sure) return false;
    return this.attempt(async () => {
      const { source, target } = await ticketApi.merge(this.key, into);
      this.ctx.notice(`${source.number} was merged into ${target.number}.`);
      return source;
    });
  }
}

export function textOf(err: unknown): string {
  if (err instanceof TicketApiError) return err.text;
  return err instanceof Error ? err.message : 'Something went wrong.';
}
