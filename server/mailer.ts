import type { Transporter } from 'nodemailer';
import type { TicketMail, TicketMailer } from '../tickets/notifier.js';

/**
 * Ticket emails over SMTP with nodemailer: one transport (a connection per email), plain text, threaded with the given
 * Message-ID, In-Reply-To and References. Timeouts are short so a dead server fails fast (the reply is
 * kept and marked as not delivered). nodemailer is loaded with the first email (a server that sends none
 * never loads it).
 */
export function smtpMailer(smtp: { url: string; from: string }): TicketMailer & { close(): void } {
  let transport: Promise<Transporter> | null = null;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtp.url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    ));
  return {
    domain: smtp.from.split('@')[1] ?? 'localhost',
    async send(mail: TicketMail) {
      await (
        await open()
      ).sendMail({
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
      void transport?.then((t) => t.close());
    },
  };
}
