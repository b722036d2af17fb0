import type { Translator } from '../common/translator.js';
import type { ConversationStore } from '../conversation/ports.js';
import type { Choice, ConversationState } from '../conversation/types.js';
import type { OutboxPort } from '../conversation/outbox.js';
import type { StateAmender } from '../conversation/writer.js';
import type { TicketStore } from './ports.js';
import { csatChoices } from '../conversation/csat-choices.js';
import type { CommentDelivery, Ticket, TicketComment, TicketStatus } from './types.js';

/** One email about a ticket, threaded by Message-ID, In-Reply-To and References. */
export interface TicketMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
}

/** Sends email (server/mailer.ts implements it with nodemailer). */
export interface TicketMailer {
  /** The domain for Message-IDs (the sender address's). */
  readonly domain: string;
  send(mail: TicketMail): Promise<void>;
}

export interface TicketNotifierDeps {
  readonly conversations: ConversationStore;
  readonly tickets: TicketStore;
  readonly translator: Translator;
  /** The requester's conversation's channel (conversation/outbox.ts). */
  readonly outbox: OutboxPort;
  /** Null when no SMTP server is configured. */
  readonly mailer: TicketMailer | null;
  /** The one writer of conversation state, so a turn in progress does not overwrite the survey. */
  readonly amender: StateAmender;
  readonly now?: () => Date;
  /** The category's label in a language (email subjects carry the number and category only). */
  readonly categoryLabel?: (category: string, lang: string) => string;
  /** Whether the acknowledgement may be emailed (limits per address and per client address). */
  readonly mayAcknowledge?: (ticket: Ticket) => boolean | Promise<boolean>;
  /**
   * EMAIL_VERIFICATION: the acknowledgement carries a confirmation link, and no further email goes to the
   * requester's address until it was confirmed (the chat still gets everything).
   */
  readonly verification?: {
    link(ticket: Ticket, email: string): string;
    /** Whether the requester confirmed this address on an earlier ticket (then it is not new). */
    confirmedBefore?(email: string): Promise<boolean>;
  } | null;
}

/** How a message reached the requester's chat: error null when there is no chat to deliver to. */
type ChatOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string | null };

/** Status changes the requester is told about (`ticket.status.<status>` strings). */
const announced: readonly TicketStatus[] = ['open', 'pending', 'solved', 'closed'];

/**
 * Tells the requester what happens to their ticket: agents' public replies and status changes go into
 * their conversation (they see them when they come back, live if they are there) and by email when an
 * SMTP server is configured; a solved ticket asks for a rating. Delivery of each reply is recorded on the
 * comment (an email that failed is shown to the agent), never thrown.
 */
export class TicketNotifier {
  private readonly now: () => Date;

  constructor(private readonly deps: TicketNotifierDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The acknowledgement by email (the chat already said it). */
  async filed(ticket: Ticket, due: string): Promise<void> {
    const t = this.deps.translator;
    const body = t.t('ticket.email.filed', ticket.lang, { number: ticket.number, due });
    const email = ticket.requester.email;
    if (email && this.deps.mayAcknowledge && !(await this.deps.mayAcknowledge(ticket))) {
      await this.deps.tickets.update(
        ticket.id,
        {},
        { actor: 'email', action: 'acknowledgement not emailed (limit per address reached)', changes: {} },
      );
      return;
    }
    let confirmed = this.verified(ticket);
    if (
      email &&
      this.deps.verification &&
      !confirmed &&
      (await this.deps.verification.confirmedBefore?.(email))
    ) {
      await this.deps.tickets.update(
        ticket.id,
        { emailVerified: email.toLowerCase() },
        { actor: 'email', action: 'email address confirmed on an earlier ticket', changes: {} },
      );
      confirmed = true;
    }
    const verify =
      email && this.deps.verification && !confirmed
        ? `\n\n${t.t('ticket.email.verify', ticket.lang, { link: this.deps.verification.link(ticket, email) })}`
        : '';
    await this.email(ticket, `${body}${verify}`, false).catch(() => undefined);
  }

  /** Delivers a public reply to the chat and by email, and records how on the comment (never throws). */
  async replied(ticket: Ticket, comment: TicketComment): Promise<CommentDelivery> {
    const t = this.deps.translator;
    const lang = ticket.lang;
    const header = t.t('ticket.replyFrom', lang, { agent: comment.author.name, number: ticket.number });
    const chat = await this.say(ticket, 'agent', `**${header}**\n\n${comment.body}`, 'ticket-reply', [], {
      agentName: comment.author.name,
    }).catch((err: unknown): ChatOutcome => ({ ok: false, error: messageOf(err) }));
    const intro = t.t('ticket.email.replyIntro', lang, { agent: comment.author.name, number: ticket.number });
    const result = await this.email(ticket, `${intro}\n\n${comment.body}`).catch(
      (err: unknown): Pick<CommentDelivery, 'email' | 'error'> => ({
        email: 'failed',
        error: messageOf(err),
      }),
    );
    const delivery: CommentDelivery = {
      chat: chat.ok,
      ...(chat.ok || chat.error === null ? {} : { chatError: chat.error }),
      ...result,
      at: this.now().toISOString(),
    };
    await this.deps.tickets.setCommentDelivery(ticket.id, comment.id, delivery);
    return delivery;
  }

  /** A status the requester should know of; solved also starts the satisfaction survey in the chat. */
  async statusChanged(ticket: Ticket, from: TicketStatus): Promise<void> {
    if (from === ticket.status || !announced.includes(ticket.status)) return;
    if (ticket.status === 'open' && from !== 'solved' && from !== 'pending') return;
    const t = this.deps.translator;
    const lang = ticket.lang;
    const notice = t.t(`ticket.status.${ticket.status}`, lang, { number: ticket.number });
    const solved = ticket.status === 'solved';
    const choices: Choice[] = solved ? csatChoices(t, lang, ticket.id) : [];
    const text = solved ? `${notice}\n\n${t.t('csat.question', lang)}` : notice;
    await this.say(ticket, 'bot', text, 'ticket-status', choices, {}, solved);
    await this.email(ticket, notice).catch(() => undefined);
  }

  /** Whether the requester's current address is the one they confirmed. */
  private verified(ticket: Ticket): boolean {
    const email = ticket.requester.email?.toLowerCase() ?? null;
    return email !== null && ticket.emailVerified === email;
  }

  /**
   * Stores the message in the requester's conversation and delivers it through its channel (the outbox
   * records the outcome on the message); not ok without a conversation (error null) or when the channel
   * could not take it (its reason; the message stays in the conversation).
   */
  private async say(
    ticket: Ticket,
    role: 'agent' | 'bot',
    text: string,
    event: 'ticket-reply' | 'ticket-status',
    choices: readonly Choice[],
    extra: { agentName?: string },
    startSurvey = false,
  ): Promise<ChatOutcome> {
    const none: ChatOutcome = { ok: false, error: null };
    if (!ticket.conversationId) return none;
    let conversation = await this.deps.conversations.get(ticket.conversationId);
    if (!conversation) return none;
    if (startSurvey) {
      const since = this.now().toISOString();
      const apply = (state: ConversationState): ConversationState => ({
        ...state,
        csat: { ticketId: ticket.id, stage: 'rating', since },
      });
      conversation = await this.deps.amender.amendState(conversation, apply);
    }
    const { message } = await this.deps.conversations.append(conversation.id, {
      role,
      text,
      meta: { lang: ticket.lang, event, ticket: ticket.number, choices, ...extra },
    });
    const result = await this.deps.outbox.deliver(conversation, [message]);
    return result.ok ? { ok: true } : { ok: false, error: result.error };
  }

  /**
   * Sends one email in the ticket's thread and remembers its Message-ID. The thread is read from the store
   * at send time (notifications of one ticket run one after another), so replies chain in order.
   */
  private async email(
    queued: Ticket,
    body: string,
    needsVerified = true,
  ): Promise<Pick<CommentDelivery, 'email' | 'error'>> {
    const { mailer } = this.deps;
    if (!mailer) return { email: 'not-configured' };
    const ticket = (await this.deps.tickets.get(queued.id)) ?? queued;
    const to = ticket.requester.email;
    if (!to) return { email: 'no-address' };
    if (needsVerified && this.deps.verification && !this.verified(ticket)) return { email: 'unverified' };
    const t = this.deps.translator;
    const thread = ticket.emailThread ?? [];
    const messageId = `<${ticket.number.toLowerCase()}.${thread.length + 1}.${this.now().getTime()}@${mailer.domain}>`;
    const text = [
      t.t('ticket.email.greeting', ticket.lang),
      body,
      t.t('ticket.email.footer', ticket.lang, { number: ticket.number }),
    ].join('\n\n');
    try {
      await mailer.send({
        to,
        // The number and the category only: no visitor-written text in a subject line.
        subject: t
          .t('ticket.email.subject', ticket.lang, {
            number: ticket.number,
            subject: ticket.category
              ? (this.deps.categoryLabel?.(ticket.category, ticket.lang) ?? ticket.category)
              : '',
          })
          .trim(),
        text,
        messageId,
        inReplyTo: thread.at(-1) ?? null,
        references: thread,
      });
    } catch (err) {
      const error = messageOf(err);
      await this.deps.tickets.update(
        ticket.id,
        {},
        { actor: 'email', action: `email to the requester failed (${error})`, changes: {} },
      );
      return { email: 'failed', error };
    }
    await this.deps.tickets.update(
      ticket.id,
      { emailThread: [...thread, messageId] },
      { actor: 'email', action: 'emailed the requester', changes: {} },
    );
    return { email: 'sent' };
  }
}

function messageOf(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
