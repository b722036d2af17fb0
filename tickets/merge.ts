import { AppError } from '../common/errors.js';
import { mergeNoteChars } from './bounds.js';
import type { TicketStore } from './ports.js';
import type { Ticket, TicketComment } from './types.js';

/**
 * Merges a duplicate into another ticket in the store: the target gets an internal note with the
 * duplicate's subject, fields and public comments (and its tags); the duplicate is closed and points at the
 * target. TICKET_MERGE (409) for a ticket merged into itself, an already merged source or a closed target;
 * 404 for an unknown ticket. The caller runs one merge at a time and tells about the changes.
 */
export async function mergeTickets(
  tickets: TicketStore,
  sourceKey: string,
  targetKey: string,
  actor: string,
  author: TicketComment['author'],
): Promise<{ source: Ticket; target: Ticket }> {
  const [source, target] = await Promise.all([tickets.get(sourceKey), tickets.get(targetKey)]);
  if (!source) throw new AppError('NOT_FOUND', `No ticket ${sourceKey}.`);
  if (!target) throw new AppError('NOT_FOUND', `No ticket ${targetKey}.`);
  if (source.id === target.id) throw new AppError('TICKET_MERGE', 'A ticket cannot be merged into itself.');
  if (source.mergedInto)
    throw new AppError('TICKET_MERGE', `${source.number} was already merged into ${source.mergedInto}.`);
  if (target.mergedInto || target.status === 'closed')
    throw new AppError('TICKET_MERGE', `${target.number} is closed; merge into an open ticket.`);
  const lines = [
    `Merged from ${source.number}: ${source.subject}`,
    ...Object.entries(source.fields).map(([k, v]) => `${k}: ${String(v)}`),
    ...source.comments.filter((c) => !c.internal).map((c) => `${c.author.name}: ${c.body}`),
  ];
  // The duplicate is closed first: if a later write fails, nothing is left open twice.
  const closed = await tickets.update(
    source.id,
    { status: 'closed', mergedInto: target.number },
    {
      actor,
      action: `merged into ${target.number}`,
      changes: {
        status: { from: source.status, to: 'closed' },
        mergedInto: { from: null, to: target.number },
      },
    },
  );
  const note = lines.join('\n');
  const merged = await tickets.addComment(target.id, {
    author,
    // A note like any comment: at most a comment's length (the rest stays on the merged ticket).
    body: note.length > mergeNoteChars ? `${note.slice(0, mergeNoteChars)}\n… (${source.number})` : note,
    internal: true,
  });
  const tags = [...new Set([...target.tags, ...source.tags])];
  const updatedTarget = await tickets.update(
    target.id,
    { tags },
    { actor, action: `merged ${source.number} into this ticket`, changes: {} },
  );
  if (!merged || !updatedTarget || !closed) throw new AppError('NOT_FOUND', `No ticket ${sourceKey}.`);
  return { source: closed, target: updatedTarget };
}
