import { z } from 'zod';
import { ticketPriorities, type TicketPriority } from './types.js';

const minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365);
const sla = z.object({ firstReply: minutes, resolution: minutes });

/** `content/tickets.yml`: priority and team rules and SLA targets (in business minutes). */
export const ticketRulesSchema = z.object({
  sla: z.object({ urgent: sla, high: sla, normal: sla, low: sla }).default({
    urgent: { firstReply: 60, resolution: 8 * 60 },
    high: { firstReply: 4 * 60, resolution: 2 * 8 * 60 },
    normal: { firstReply: 8 * 60, resolution: 5 * 8 * 60 },
    low: { firstReply: 2 * 8 * 60, resolution: 10 * 8 * 60 },
  }),
  /** First matching rule wins: any keyword (a whole word of the description or subject) or category. */
  priority: z
    .array(
      z.object({
        keywords: z.array(z.string().min(1)).default([]),
        categories: z.array(z.string().min(1)).default([]),
        priority: z.enum(ticketPriorities),
      }),
    )
    .default([]),
  /** First matching rule wins; a rule without categories or languages matches all. */
  teams: z
    .array(
      z.object({
        categories: z.array(z.string()).default([]),
        langs: z.array(z.string()).default([]),
        team: z.string().min(1),
      }),
    )
    .default([]),
  defaultTeam: z.string().min(1).default('support'),
});

export type TicketRules = z.infer<typeof ticketRulesSchema>;
export const defaultTicketRules: TicketRules = ticketRulesSchema.parse({});

const wordsOf = (text: string): Set<string> =>
  new Set(
    text
      .toLocaleLowerCase()
      .normalize('NFKC')
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [],
  );

/** Priority by the first rule whose keyword or category matches, else normal. */
export function priorityFor(rules: TicketRules, text: string, category: string | null): TicketPriority {
  const words = wordsOf(text);
  const lower = text.toLocaleLowerCase();
  for (const rule of rules.priority) {
    const keyword = rule.keywords.some((k) => {
      const key = k.toLocaleLowerCase();
      return key.includes(' ') || /\p{Script=Thai}/u.test(key) ? lower.includes(key) : words.has(key);
    });
    if (keyword || (category !== null && rule.categories.includes(category))) return rule.priority;
  }
  return 'normal';
}

/** The team by the first rule matching the category and the language. */
export function teamFor(rules: TicketRules, category: string | null, lang: string): string {
  const rule = rules.teams.find(
    (r) =>
      (r.categories.length === 0 || (category !== null && r.categories.includes(category))) &&
      (r.langs.length === 0 || r.langs.includes(lang)),
  );
  return rule?.team ?? rules.defaultTeam;
}
