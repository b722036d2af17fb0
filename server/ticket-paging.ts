import { z } from 'zod';
import type { TicketStore } from '../tickets/ports.js';
import { ticketSorts, type Ticket, type TicketCursor, type TicketFilter } from '../tickets/types.js';
import { cursorAfter } from '../store/ticket-query.js';

/**
 * Paging of ticket lists (REST API and console): the `cursor` a client sends back for the next page is
 * opaque, base64url JSON of the last ticket's sort key and number (keyset paging: a ticket changed or
 * added meanwhile never shifts a page by one, as an offset would).
 */
const cursorJson = z.tuple([z.enum(ticketSorts), z.string().min(1).max(64), z.number().int().min(1)]);

export function encodeCursor(c: TicketCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.key, c.seq])).toString('base64url');
}

/** The cursor, or null when the text is not one this server made. */
export function decodeCursor(text: string): TicketCursor | null {
  if (!/^[\w-]{1,400}$/.test(text)) return null;
  try {
    const parsed = cursorJson.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { sort: parsed.data[0], key: parsed.data[1], seq: parsed.data[2] } : null;
  } catch {
    return null;
  }
}

/** A page of `limit` tickets and the cursor of the next page (null on the last); one more is read to know. */
export async function ticketPage(
  tickets: TicketStore,
  filter: TicketFilter & { readonly limit: number },
): Promise<{ tickets: Ticket[]; next: string | null }> {
  const found = await tickets.list({ ...filter, limit: filter.limit + 1 });
  const page = found.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    tickets: page,
    next:
      found.length > filter.limit && last ? encodeCursor(cursorAfter(last, filter.sort ?? 'updated')) : null,
  };
}
