import type { Conversation, ConversationStore } from '../bot/ports.js';
import type { BusinessHours } from './business-hours.js';
import type { TicketStore } from './ports.js';
import { AppError } from '../common/errors.js';
import {
  statusTransitions,
  type Ticket,
  type TicketComment,
  type TicketPatch,
  type TicketPriority,
} from './ticket-types.js';
import { priorityFor, teamFor, type TicketRules } from './ticket-rules.js';
import type { TicketEventType } from './webhooks.js';

export interface TicketServiceDeps {
  readonly tickets: TicketStore;
  readonly conversations: ConversationStore;
  readonly hours: BusinessHours;
  rules(): TicketRules;
  readonly now?: () => Date;
  /** Told after every change (outgoing webhooks); never awaited. */
  readonly onEvent?: (type: TicketEventType, ticket: Ticket) => void;
}

/** Files tickets from conversations: priority, team and SLA dues by the rules, in business time. */
export class TicketService {
  private readonly now: () => Date;

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
  ): Promise<Ticket> {
    const rules = this.deps.rules();
    const description = typeof values['description'] === 'string' ? values['description'] : '';
    const category = typeof values['category'] === 'string' ? values['category'] : null;
    const email = typeof values['email'] === 'string' ? values['email'] : null;
    const lang = conversation.lang ?? 'en';
    const priority = priorityFor(rules, description, category);
    const now = this.now();
    const target = rules.sla[priority];
    const messages = await this.deps.conversations.messages(conversation.id);
    const firstLine = description.split('\n')[0]?.trim() ?? '';
    return this.emitted(
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
            channelId: conversation.channel === 'web' ? null : conversation.visitorKey,
          },
          fields: { ...values },
          transcript: messages
            .filter((m) => !m.meta.internal)
            .map((m) => ({ role: m.role, text: m.text, at: m.createdAt })),
          assignee: null,
          team: teamFor(rules, category, lang),
          firstReplyDue: this.deps.hours.addBusinessMinutes(now, target.firstReply).toISOString(),
          resolutionDue: this.deps.hours.addBusinessMinutes(now, target.resolution).toISOString(),
        },
        'bot',
      ),
    );
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
    const now = this.now();
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
          firstReplyDue: this.deps.hours
            .addBusinessMinutes(now, rules.sla[priority].firstReply)
            .toISOString(),
          resolutionDue: this.deps.hours
            .addBusinessMinutes(now, rules.sla[priority].resolution)
            .toISOString(),
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
    return this.emitted('ticket.commented', updated);
  }

  private emitted(type: TicketEventType, ticket: Ticket): Ticket {
    this.deps.onEvent?.(type, ticket);
    return ticket;
  }
}
