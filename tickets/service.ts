import type { ConversationStore } from '../conversation/ports.js';
import type { Conversation } from '../conversation/types.js';
import type { BusinessHours } from '../common/business-hours.js';
import type { TicketStore } from './ports.js';
import { AppError } from '../common/errors.js';
import { KeyedQueue } from '../common/keyed-queue.js';
import {
  statusTransitions,
  type Ticket,
  type TicketComment,
  type TicketPatch,
  type TicketPriority,
} from './types.js';
import { priorityFor, teamFor, type TicketRules } from './rules.js';
import type { TicketEventType } from './webhooks.js';
import type { TicketNotifier } from './notifier.js';
import { formatWhen } from '../common/format-when.js';
import { ticketBounds, transcriptReadLimit } from './bounds.js';
import { mergeTickets } from './merge.js';

export interface TicketServiceDeps {
  readonly tickets: TicketStore;
  readonly conversations: ConversationStore;
  readonly hours: BusinessHours;
  /** The language of a ticket whose conversation has none yet (DEFAULT_LANG). */
  readonly defaultLang: string;
  rules(): TicketRules;
  readonly now?: () => Date;
  /** Told after every change (outgoing webhooks); never awaited. */
  readonly onEvent?: (type: TicketEventType, ticket: Ticket) => void;
  /** Tells the requester about replies and status changes (chat and email); runs in the background. */
  readonly notifier?: TicketNotifier;
  /** Where a failure in the background (a notification) is reported. */
  readonly onError?: (err: unknown) => void;
  /** The requester's address on their channel, for agents (the outbox's `addressOf`); none when left out. */
  readonly addressOf?: (conversation: Conversation) => string | null;
}

/** Files tickets from conversations: priority, team and SLA dues by the rules, in business time. */
export class TicketService {
  private readonly now: () => Date;
  /** Notifications per ticket, one after another (the email thread grows in order); merges one at a time. */
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: TicketServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * A ticket from the ticket form's values (`email`, `category`, `description`; sensitive ones already
   * masked by the caller), with the conversation's transcript (internal notes left out).
   */
  async fileFromConversation(
    conversation: Conversation,
    values: Readonly<Record<string, string | number>>,
    timeZone: string = this.deps.hours.timeZone,
    /** The visitor's locale (e.g. "en-GB"): the due time in the email is written their way. */
    locale?: string,
  ): Promise<Ticket> {
    const rules = this.deps.rules();
    const description = typeof values['description'] === 'string' ? values['description'] : '';
    const category = typeof values['category'] === 'string' ? values['category'] : null;
    const email = typeof values['email'] === 'string' ? values['email'] : null;
    const lang = conversation.lang ?? this.deps.defaultLang;
    const priority = priorityFor(rules, description, category);
    const messages = await this.deps.conversations.messages(conversation.id, {
      limit: transcriptReadLimit,
    });
    // What was said since the conversation's previous ticket (the bot's "ticket filed" reply), at most
    // the latest lines a ticket keeps; the conversation keeps everything.
    const previous = messages.findLastIndex((m) => m.meta.event === 'ticket');
    const since = messages.slice(previous + 1).filter((m) => !m.meta.internal);
    const firstLine = description.split('\n')[0]?.trim() ?? '';
    const ticket = this.emitted(
      'ticket.created',
      await this.deps.tickets.create(
        {
          subject: [...(firstLine || category || 'Request from the chat')].slice(0, 80).join(''),
          status: 'new',
          priority,
          category,
          tags: [],
          lang,
          channel: conversation.channel,
          conversationId: conversation.id,
          requester: {
            email,
            name: null,
            channelId: this.deps.addressOf?.(conversation) ?? null,
          },
          fields: { ...values },
          transcript: since.slice(-ticketBounds.transcriptLines).map((m) => ({
            role: m.role,
            text: m.text,
            at: m.createdAt,
            ...(m.delivery?.status === 'failed' ? { undelivered: m.delivery.reason ?? 'failed' } : {}),
          })),
          ...(since.length > ticketBounds.transcriptLines ||
          (previous === -1 && messages.length === transcriptReadLimit)
            ? { transcriptTruncated: true }
            : {}),
          assignee: null,
          team: teamFor(rules, category, lang),
          ...this.dues(rules, priority),
        },
        'bot',
      ),
    );
    const due = ticket.firstReplyDue
      ? formatWhen(new Date(ticket.firstReplyDue), locale ?? lang, timeZone)
      : '';
    this.notify(ticket, (n) => n.filed(ticket, due));
    return ticket;
  }

  /** A ticket created by an integration (the REST API): SLA dues from its priority. */
  async create(
    input: {
      subject: string;
      description: string;
      email: string | null;
      priority?: TicketPriority;
      category?: string | null;
      tags?: readonly string[];
      lang: string;
    },
    actor: string,
  ): Promise<Ticket> {
    const rules = this.deps.rules();
    const priority =
      input.priority ?? priorityFor(rules, `${input.subject} ${input.description}`, input.category ?? null);
    return this.emitted(
      'ticket.created',
      await this.deps.tickets.create(
        {
          subject: input.subject,
          status: 'new',
          priority,
          category: input.category ?? null,
          tags: [...(input.tags ?? [])],
          lang: input.lang,
          channel: 'api',
          conversationId: null,
          requester: { email: input.email, name: null, channelId: null },
          fields: { description: input.description },
          transcript: [],
          assignee: null,
          team: teamFor(rules, input.category ?? null, input.lang),
          ...this.dues(rules, priority),
        },
        actor,
      ),
    );
  }

  /**
   * Changes fields with an audit entry of what changed. A status change must be allowed
   * (`statusTransitions`), else TICKET_TRANSITION (409) with the reason; 404 for an unknown ticket.
   */
  async update(key: string, patch: TicketPatch, actor: string): Promise<Ticket> {
    const t = await this.deps.tickets.get(key);
    if (!t) throw new AppError('NOT_FOUND', `No ticket ${key}.`);
    if (patch.status && patch.status !== t.status && !statusTransitions[t.status].includes(patch.status)) {
      const allowed = statusTransitions[t.status];
      throw new AppError(
        'TICKET_TRANSITION',
        `A ${t.status} ticket cannot become ${patch.status}; allowed: ${allowed.length ? allowed.join(', ') : 'none (closed is final)'}.`,
      );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [k, v] of Object.entries(patch) as Array<[keyof TicketPatch, unknown]>)
      if (JSON.stringify(t[k]) !== JSON.stringify(v)) changes[k] = { from: t[k], to: v };
    const extra: TicketPatch =
      patch.status === 'solved' && t.status !== 'solved' ? { solvedAt: this.now().toISOString() } : {};
    const updated = await this.deps.tickets.update(
      t.id,
      { ...patch, ...extra },
      { actor, action: 'updated', changes },
    );
    if (!updated) throw new AppError('NOT_FOUND', `No ticket ${key}.`);
    if (updated.status !== t.status) this.notify(updated, (n) => n.statusChanged(updated, t.status));
    return this.emitted('ticket.updated', updated);
  }

  /** Adds a reply or an internal note; the first public reply counts as the first response. */
  async comment(key: string, comment: Omit<TicketComment, 'id' | 'createdAt'>): Promise<Ticket> {
    const t = await this.deps.tickets.get(key);
    if (!t) throw new AppError('NOT_FOUND', `No ticket ${key}.`);
    let updated = await this.deps.tickets.addComment(t.id, comment);
    if (updated && !comment.internal && comment.author.kind !== 'requester' && !t.firstRepliedAt)
      updated = await this.deps.tickets.update(
        t.id,
        { firstRepliedAt: this.now().toISOString() },
        {
          actor: `${comment.author.kind}:${comment.author.name}`,
          action: 'first reply',
          changes: {},
        },
      );
    if (!updated) throw new AppError('NOT_FOUND', `No ticket ${key}.`);
    const added = updated.comments.at(-1);
    if (added && !comment.internal && comment.author.kind !== 'requester') {
      const replied = updated;
      this.notify(replied, (n) => n.replied(replied, added));
    }
    return this.emitted('ticket.commented', updated);
  }

  /**
   * Merges a duplicate into another ticket: the target gets an internal note with the duplicate's
   * subject, fields and public comments; the duplicate is closed and points at the target.
   */
  merge(
    sourceKey: string,
    targetKey: string,
    actor: string,
    author: TicketComment['author'] = { kind: 'agent', id: null, name: actor },
  ): Promise<{ source: Ticket; target: Ticket }> {
    // One merge at a time: two crossed merges (A into B, B into A) cannot both pass the checks.
    return this.queue.run('merge', () => this.mergeNow(sourceKey, targetKey, actor, author));
  }

  private async mergeNow(
    sourceKey: string,
    targetKey: string,
    actor: string,
    author: TicketComment['author'],
  ): Promise<{ source: Ticket; target: Ticket }> {
    const { source, target } = await mergeTickets(this.deps.tickets, sourceKey, targetKey, actor, author);
    this.emitted('ticket.updated', source);
    return { source, target: this.emitted('ticket.updated', target) };
  }

  /**
   * The requester's satisfaction rating of a solved ticket (rating first, the comment after). With a
   * conversation id, only a ticket filed from that conversation is rated.
   */
  async recordCsat(
    key: string,
    csat: { rating?: number; comment?: string | null },
    conversationId?: string,
  ): Promise<void> {
    const t = await this.deps.tickets.get(key);
    if (!t || (conversationId !== undefined && t.conversationId !== conversationId)) return;
    const next = {
      rating: csat.rating ?? t.csat?.rating ?? 0,
      comment: csat.comment ?? t.csat?.comment ?? null,
      at: this.now().toISOString(),
    };
    const updated = await this.deps.tickets.update(
      t.id,
      { csat: next },
      { actor: 'requester', action: 'rated', changes: { csat: { from: t.csat ?? null, to: next } } },
    );
    if (updated) this.emitted('ticket.updated', updated);
  }

  /** The SLA due times of a ticket filed now with this priority, in business time. */
  private dues(
    rules: TicketRules,
    priority: TicketPriority,
  ): Pick<Ticket, 'firstReplyDue' | 'resolutionDue'> {
    const now = this.now();
    const target = rules.sla[priority];
    return {
      firstReplyDue: this.deps.hours.addBusinessMinutes(now, target.firstReply).toISOString(),
      resolutionDue: this.deps.hours.addBusinessMinutes(now, target.resolution).toISOString(),
    };
  }

  /** Runs a notification after the ticket's previous ones; failures go to onError. */
  private notify(ticket: Ticket, run: (n: TicketNotifier) => Promise<unknown>): void {
    const { notifier } = this.deps;
    if (!notifier) return;
    this.queue.run(ticket.id, () => run(notifier)).catch((err: unknown) => this.deps.onError?.(err));
  }

  /** Resolves when every notification started so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  private emitted(type: TicketEventType, ticket: Ticket): Ticket {
    this.deps.onEvent?.(type, ticket);
    return ticket;
  }
}
