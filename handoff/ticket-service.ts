import type { Conversation, ConversationStore } from '../bot/ports.js';
import type { BusinessHours } from './business-hours.js';
import type { TicketStore } from './ports.js';
import type { Ticket } from './ticket-types.js';
import { priorityFor, teamFor, type TicketRules } from './ticket-rules.js';

export interface TicketServiceDeps {
  readonly tickets: TicketStore;
  readonly conversations: ConversationStore;
  readonly hours: BusinessHours;
  rules(): TicketRules;
  readonly now?: () => Date;
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
    return this.deps.tickets.create(
      {
        subject: [...(firstLine || category || 'Request from the chat')].slice(0, 80).join(''),
        status: 'new',
        priority,
        category,
        tags: [],
        lang,
        channel: conversation.channel,
        conversationId: conversation.id,
        requester: { email, name: null, channelId: conversation.channel === 'web' ? null : conversation.visitorKey },
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
    );
  }
}
