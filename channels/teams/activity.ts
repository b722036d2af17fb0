import type { Activity } from 'botbuilder';
import { z } from 'zod';

const account = z.object({
  id: z.string().min(1).max(300),
  name: z.string().max(500).nullish(),
});

/** A mention names whom it mentions; other entities (client info, …) are passed on as they are. */
const entity = z.looseObject({ type: z.string().max(100) }).superRefine((e, ctx) => {
  if (e.type.toLowerCase() !== 'mention') return; // botbuilder compares it case-insensitively
  const mention = z.object({ mentioned: account, text: z.string().max(1000).nullish() }).safeParse(e);
  if (!mention.success) ctx.addIssue({ code: 'custom', message: 'a mention names the account it mentions' });
});

/**
 * The fields of an incoming activity Frontdesk or botbuilder reads, each of the type they expect (a number
 * as `text`, or an entity without its account, made botbuilder throw: a 500); botbuilder checks the token
 * against serviceUrl.
 */
export const incomingActivity = z
  .object({
    type: z.string().min(1).max(100),
    id: z.string().min(1).max(300).optional(),
    channelId: z.string().min(1).max(100),
    serviceUrl: z.url({ protocol: /^https?$/ }),
    from: account.extend({ aadObjectId: z.string().max(100).optional() }),
    recipient: account,
    conversation: z.object({
      id: z.string().min(1).max(1000),
      conversationType: z.string().max(50).optional(),
      tenantId: z.string().max(100).optional(),
      isGroup: z.boolean().nullish(),
      name: z.string().max(500).nullish(),
    }),
    locale: z.string().max(50).optional().nullable(),
    text: z.string().optional().nullable(),
    attachments: z
      .array(z.looseObject({ contentType: z.string().max(300) }))
      .max(100)
      .optional()
      .nullable(),
    // botbuilder reads entities when they are not undefined: null is refused, not crashed on.
    entities: z.array(entity).max(100).optional(),
    membersAdded: z.array(account).max(1000).optional().nullable(),
  })
  // botbuilder strips a mention from the text: a null text with a mention would throw there.
  .refine(
    (a) => !(a.text === null && (a.entities ?? []).some((e) => e.type.toLowerCase() === 'mention')),
    'a message with a mention has text',
  );

/** Personal chats (1:1 with the bot; the Emulator has no type) versus channels and group chats. */
export function isPersonal(activity: Pick<Activity, 'conversation'>): boolean {
  const type = activity.conversation.conversationType;
  return type === undefined || type === null || type === 'personal';
}

/**
 * The Frontdesk visitor key of an activity: in a personal chat the user (`aadObjectId` within the tenant;
 * the channel's user id where there is none, as in the Emulator); in a channel or group chat the thread,
 * so one thread is one conversation whoever writes in it.
 */
export function visitorKeyOf(activity: Pick<Activity, 'conversation' | 'from' | 'channelData'>): string {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant =
    activity.conversation.tenantId ??
    (typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : 'none');
  return isPersonal(activity)
    ? `${tenant}/user/${activity.from.aadObjectId ?? activity.from.id}`
    : `${tenant}/thread/${activity.conversation.id}`;
}

/** The postback of a card button (`messageBack` value or an Adaptive Card submit), or null. */
export function postbackOf(value: unknown): { postback: string; label: string | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const { postback, label } = value as { postback?: unknown; label?: unknown };
  if (typeof postback !== 'string' || postback.length === 0 || postback.length > 1000) return null;
  return { postback, label: typeof label === 'string' ? label : null };
}

/** Other users' `<at>Name</at>` mentions left in the text (the bot's own is removed first) as the name. */
export function plainMentions(text: string): string {
  return text.replace(/<at>(.*?)<\/at>/g, '$1').trim();
}
