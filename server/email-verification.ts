import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { AppError } from '../common/errors.js';
import type { Translator } from '../common/translator.js';
import type { TicketStore } from '../tickets/ports.js';
import type { Ticket } from '../tickets/types.js';

/**
 * Confirming a requester's email address (EMAIL_VERIFICATION): the acknowledgement email carries a link
 * with a code, an HMAC-SHA256 of the ticket id and the address under the server's key; until it is
 * opened, no further email goes to that address (replies and status changes still reach the chat).
 */
export class EmailVerification {
  constructor(
    private readonly key: () => string,
    private readonly publicUrl: () => string,
  ) {}

  private code(ticketId: string, email: string): string {
    return createHmac('sha256', this.key())
      .update(`frontdesk-email:${ticketId}:${email.toLowerCase()}`)
      .digest('base64url');
  }

  link(ticket: Pick<Ticket, 'id'>, email: string): string {
    return `${this.publicUrl()}/email/verify/${encodeURIComponent(ticket.id)}.${this.code(ticket.id, email)}`;
  }

  matches(ticket: Pick<Ticket, 'id'>, email: string, code: string): boolean {
    const expected = Buffer.from(this.code(ticket.id, email));
    const given = Buffer.from(code);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** GET /email/verify/<ticket id>.<code>: confirms the address, answers a line in the ticket's language. */
export function emailVerificationRoutes(deps: {
  verification: EmailVerification;
  tickets: TicketStore;
  translator: Translator;
}): Router {
  const router = express.Router();
  router.get('/email/verify/:token', (req, res, next) => {
    void (async () => {
      const token = String(req.params['token']);
      const dot = token.lastIndexOf('.');
      const invalid = new AppError('PAYLOAD_INVALID', 'This confirmation link is not valid.');
      if (dot <= 0 || token.length > 300) throw invalid;
      const ticket = await deps.tickets.get(token.slice(0, dot));
      const email = ticket?.requester.email;
      if (!ticket || !email || !deps.verification.matches(ticket, email, token.slice(dot + 1))) throw invalid;
      if (ticket.emailVerified !== email.toLowerCase())
        await deps.tickets.update(
          ticket.id,
          { emailVerified: email.toLowerCase() },
          { actor: 'requester', action: 'confirmed their email address', changes: {} },
        );
      res
        .status(200)
        .type('text/plain; charset=utf-8')
        .send(deps.translator.t('ticket.email.verified', ticket.lang, { number: ticket.number }));
    })().catch(next);
  });
  return router;
}
