import nodemailer from 'nodemailer';
import type { TicketMail, TicketMailer } from '../tickets/notifier.js';

/**
 * Ticket emails over SMTP with nodemailer: one transport (a connection per email), plain text, threaded with the given
 * Message-ID, In-Reply-To and References. Timeouts are short so a dead server fails fast (the reply is
 * kept and marked as not delivered).
 */
export function smtpMailer(smtp: { url: string; from: string }): TicketMailer & { close(): void } {
  const transport = nodemailer.createTransport({
    url: smtp.url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    domain: smtp.from.split('@')[1] ?? 'localhost',
    async send(mail: TicketMail) {
      await transport.sendMail({
        from: smtp.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references.length ? { references: [...mail.references] } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
