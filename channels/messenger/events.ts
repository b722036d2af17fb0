import { z } from 'zod';

/** What Frontdesk reads of one `messaging` event; unknown fields are ignored. */
const messagingEvent = z.object({
  sender: z.object({ id: z.string().min(1).max(64) }),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1).max(300).optional(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.object({ payload: z.string().max(1000) }).optional(),
      attachments: z.array(z.unknown()).optional(),
      sticker_id: z.number().optional(),
    })
    .optional(),
  postback: z
    .object({
      mid: z.string().max(300).optional(),
      title: z.string().optional(),
      payload: z.string().max(1000),
    })
    .optional(),
});

export const webhookBody = z.object({
  object: z.string(),
  entry: z.array(z.object({ messaging: z.array(z.unknown()).optional() })).max(1000),
});

/** One incoming event the channel acts on. */
export type IncomingEvent =
  | { kind: 'text'; psid: string; mid: string | null; text: string; postback: string | null }
  | { kind: 'unsupported'; psid: string; mid: string | null };

/**
 * The events of a webhook body worth a turn, in order: texts, quick replies and postbacks (as postbacks),
 * and anything else a visitor sends (attachments, stickers, voice) as `unsupported`. Echoes of the page's
 * own messages, deliveries, reads and malformed events are skipped.
 */
export function incomingEvents(body: unknown): IncomingEvent[] {
  const parsed = webhookBody.safeParse(body);
  if (!parsed.success || parsed.data.object !== 'page') return [];
  const out: IncomingEvent[] = [];
  for (const entry of parsed.data.entry)
    for (const raw of entry.messaging ?? []) {
      const e = messagingEvent.safeParse(raw);
      if (!e.success) continue;
      const { sender, message, postback, timestamp } = e.data;
      const psid = sender.id;
      if (postback) {
        const mid = postback.mid ?? (timestamp === undefined ? null : `postback:${psid}:${timestamp}`);
        const text = postback.title?.trim() || postback.payload;
        out.push({ kind: 'text', psid, mid, text, postback: postback.payload });
      } else if (message && !message.is_echo) {
        const mid = message.mid ?? null;
        const text = message.text?.trim() ?? '';
        if (text) out.push({ kind: 'text', psid, mid, text, postback: message.quick_reply?.payload ?? null });
        else out.push({ kind: 'unsupported', psid, mid });
      }
    }
  return out;
}
