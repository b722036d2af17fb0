import { describe, expect, it } from '@jest/globals';
import mongoose from 'mongoose';
import { AppError } from '../../common/errors.js';
import { ticketBounds } from '../../tickets/bounds.js';
import type { Ticket } from '../../tickets/types.js';
import { newTicket, withComment, withPatch } from '../ticket-documents.js';
import { ticketInput } from '../../test/helpers/tickets.js';
import { columns } from './tickets.js';

/**
 * A ticket at every bound (tickets/bounds.ts) still fits one MongoDB document (16 MiB), with the query
 * columns stored beside it; one comment more is refused with TICKET_FULL. Measured with the driver's BSON
 * size of the document the store writes, no server needed.
 */
const maxDocumentBytes = 16 * 1024 * 1024;
/** Three UTF-8 bytes per character: the heaviest text a comment or message can be per character. */
const heavy = (n: number): string => '€'.repeat(n);

function fullTicket(): Ticket {
  const { transcriptLines, transcriptLineChars, comments, commentChars, audit } = ticketBounds;
  let t = newTicket(
    ticketInput({
      subject: heavy(200),
      fields: { description: heavy(10_000), email: 'jane@example.com' },
      transcript: Array.from({ length: transcriptLines }, () => ({
        role: 'visitor',
        text: heavy(transcriptLineChars + 100),
        at: '2026-11-22T10:00:00.000Z',
      })),
    }),
    'FD-10001',
    'bot',
  );
  const body = heavy(Math.floor(commentChars / comments));
  for (let i = 0; i < comments; i++)
    t = withComment(t, { author: { kind: 'agent', id: 'a', name: heavy(100) }, body, internal: i % 2 === 0 });
  for (let i = 0; i < audit + 10; i++)
    t = withPatch(
      t,
      { tags: Array.from({ length: 20 }, () => heavy(40)) },
      {
        actor: `agent:${heavy(100)}`,
        action: 'updated',
        changes: {
          subject: { from: heavy(200), to: heavy(200) },
          tags: { from: [heavy(40)], to: [heavy(40)] },
        },
      },
    );
  return t;
}

describe('a ticket at its bounds', () => {
  const t = fullTicket();

  it('holds the bounds', () => {
    expect(t.comments).toHaveLength(ticketBounds.comments);
    expect(t.audit).toHaveLength(ticketBounds.audit);
    expect(t.transcript).toHaveLength(ticketBounds.transcriptLines);
  });

  it('fits one MongoDB document with its query columns', () => {
    const stored = { _id: t.id, ...columns(t), rev: 1, doc: t };
    const bytes = mongoose.mongo.BSON.calculateObjectSize(stored);
    expect(bytes).toBeGreaterThan(5 * 1024 * 1024); // the case is heavy, not trivially small
    expect(bytes).toBeLessThan(maxDocumentBytes);
  });

  it('refuses one comment more, or one that passes the text budget, with TICKET_FULL', () => {
    const more = () =>
      withComment(t, { author: { kind: 'agent', id: 'a', name: 'A' }, body: 'one more', internal: false });
    expect(more).toThrow(AppError);
    expect(more).toThrow(/FD-10001 holds as many comments/);
    const small = newTicket(ticketInput(), 'FD-10002', 'bot');
    const big = withComment(small, {
      author: { kind: 'api', id: 'k', name: 'K' },
      body: 'x'.repeat(ticketBounds.commentChars - 5),
      internal: false,
    });
    expect(() =>
      withComment(big, { author: { kind: 'api', id: 'k', name: 'K' }, body: 'sixsix', internal: false }),
    ).toThrow(expect.objectContaining({ id: 'TICKET_FULL' }) as unknown as Error);
    expect(
      withComment(big, { author: { kind: 'api', id: 'k', name: 'K' }, body: 'five!', internal: false })
        .comments,
    ).toHaveLength(2);
  });
});
