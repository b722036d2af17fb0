import type { Activity } from 'botbuilder';
import { z } from 'zod';

/** The fields of an incoming activity Frontdesk reads; botbuilder checks the token against serviceUrl. */
export const incomingActivity = z.object({
  type: z.string().min(1).max(100),
  id: z.string().min(1).max(300).optional(),
  channelId: z.string().min(1).max(100),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: z.object({ id: z.string().min(1).max(300), aadObjectId: z.string().max(100).optional() }),
  recipient: z.object({ id: z.string().min(1).max(300) }),
  conversation: z.object({
    id: z.string().min(1).max(1000),
    conversationType: z.string().max(50).optional(),
    tenantId: z.string().max(100).optional(),
  }),
  locale: z.string().max(50).optional().nullable(),
});

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
