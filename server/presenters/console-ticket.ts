import type { Ticket, TicketComment, TicketCsat } from '../../tickets/types.js';
import type { FormDefinition } from '../../forms/types.js';
import type { ConsoleField, ConsoleTranscriptLine } from '../../channels/web/agent-events.js';
import { renderMarkdown, renderTypedMarkdown } from '../../channels/web/render.js';
import { ticketBasics } from './ticket.js';

/**
 * A ticket as agents see it in the console (`/console/api/tickets…`; web/console reads it as `Ticket`):
 * everything they work with, internal notes, delivery errors (email and chat, on replies and transcript
 * lines) and the audit trail included. Chosen field
 * by field like the API's presenter (server/presenters/ticket.ts), so whatever the store adds stays
 * inside; left out are the email thread's Message-IDs (mail plumbing).
 */
export interface ConsoleTicket extends Omit<Ticket, 'emailThread' | 'mergedInto' | 'csat' | 'transcript'> {
  readonly mergedInto: string | null;
  readonly csat: TicketCsat | null;
  readonly transcript: readonly ConsoleTranscriptLine[];
  /** The form values under their forms' labels, in the ticket's language (`fields` keeps the raw ones). */
  readonly fieldsShown: readonly ConsoleField[];
}

/** What the visitor saw: Markdown rendered and sanitised like the chat (agents' text as typed). */
function lineHtml(role: string, text: string): string | null {
  if (role === 'visitor') return null;
  return role === 'agent' ? renderTypedMarkdown(text) : renderMarkdown(text);
}

/** A field's label from the first form that has it (the ticket's language, else English, else its name). */
export function labelFields(
  fields: Ticket['fields'],
  lang: string,
  forms: readonly FormDefinition[],
): ConsoleField[] {
  const local = (text: Readonly<Record<string, string>> | undefined): string | undefined =>
    text?.[lang] ?? text?.['en'] ?? Object.values(text ?? {})[0];
  return Object.entries(fields).map(([name, raw]) => {
    const field = forms.flatMap((f) => f.fields).find((f) => f.name === name);
    const option = field?.options.find((o) => o.value === String(raw));
    return {
      name,
      label: local(field?.label) ?? name,
      value: (option && local(option.label)) ?? String(raw),
    };
  });
}

function presentComment(c: TicketComment): TicketComment {
  return {
    id: c.id,
    author: { kind: c.author.kind, id: c.author.id, name: c.author.name },
    body: c.body,
    internal: c.internal,
    createdAt: c.createdAt,
    ...(c.delivery ? { delivery: { ...c.delivery } } : {}),
  };
}

/** The ticket for an agent; `forms` (the KB's) label the form values. */
export function presentConsoleTicket(t: Ticket, forms: readonly FormDefinition[] = []): ConsoleTicket {
  return {
    ...ticketBasics(t),
    transcript: t.transcript.map((l) => ({
      role: l.role,
      text: l.text,
      at: l.at,
      html: lineHtml(l.role, l.text),
      ...(l.undelivered ? { undelivered: l.undelivered } : {}),
    })),
    fieldsShown: labelFields(t.fields, t.lang, forms),
    conversationId: t.conversationId,
    requester: { email: t.requester.email, name: t.requester.name, channelId: t.requester.channelId },
    comments: t.comments.map(presentComment),
    audit: t.audit.map((a) => ({ at: a.at, actor: a.actor, action: a.action, changes: a.changes })),
    csat: t.csat ?? null,
    ...(t.transcriptTruncated ? { transcriptTruncated: true } : {}),
    ...(t.auditOmitted ? { auditOmitted: t.auditOmitted } : {}),
  };
}
