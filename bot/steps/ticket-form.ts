import type { HandoffDesk, KnowledgeBase, TicketDesk } from '../ports.js';
import type { Translator } from '../../common/translator.js';
import type { TurnContext } from '../turn.js';
import { visitorLocale } from '../turn.js';
import { ticketFormId } from './handoff.js';
import { formatWhen } from '../../common/format-when.js';
import { maskedValues } from '../forms/render.js';
import type { FieldValue } from '../../forms/types.js';

/**
 * What happens when the visitor completes the contact form: with a ticket desk and the ticket form, a ticket
 * is filed from the conversation (masked values, the visitor's time zone and locale) and its number and
 * first-reply time are sent; otherwise the request stays a pending contact for the agents.
 */
export function ticketFormDone(deps: {
  readonly kb: Pick<KnowledgeBase, 'form'>;
  readonly translator: Translator;
  readonly tickets?: TicketDesk;
  readonly desk?: HandoffDesk;
}): (ctx: TurnContext, values: Readonly<Record<string, FieldValue>>) => Promise<void> {
  const { kb, translator, tickets, desk } = deps;
  return async (ctx, values) => {
    const email = typeof values['email'] === 'string' ? values['email'] : '';
    const form = kb.form?.(ticketFormId);
    if (!tickets || !form) {
      await desk?.pendingContact(ctx.conversation);
      ctx.send({ text: translator.t('handoff.pendingSaved', ctx.lang, { email }), event: 'form-done' });
      return;
    }
    const timeZone = ctx.input.channelData?.timeZone ?? tickets.timeZone;
    const locale = visitorLocale(ctx);
    const ticket = await tickets.fileFromConversation(
      ctx.conversation,
      maskedValues(form, values),
      timeZone,
      locale,
    );
    const due = ticket.firstReplyDue ? formatWhen(new Date(ticket.firstReplyDue), locale, timeZone) : '';
    ctx.send({
      text: translator.t('ticket.filed', ctx.lang, { number: ticket.number, due, email }),
      event: 'ticket',
      ticket: ticket.number,
    });
  };
}
