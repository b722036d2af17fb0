import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { hashPassword, passwordProblem } from '../../handoff/passwords.js';
import type { AgentStore } from '../../handoff/ports.js';
import type { Output } from './output.js';

/** A language code as agents have them (en, fi, …). */
export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'languages are codes like en, fi');
/** A routing skill (billing, shipping, …). */
export const skillName = z
  .string()
  .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'skills are words like billing, shipping');
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Whether the code names a language (ISO 639 as CLDR knows it: en, fi, fil; not xx, qaa). */
export const isLanguageCode = (code: string): boolean => {
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
};

const codes = z
  .string({ error: 'give at least one language (--languages fi,en)' })
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'languages are codes like en, fi'))
      .min(1, 'give at least one language (--languages fi,en)')
      .superRefine((list, ctx) => {
        for (const code of list)
          if (/^[a-z]{2,3}$/.test(code) && !isLanguageCode(code))
            ctx.addIssue({
              code: 'custom',
              message: `${code} is not a language code (ISO 639, like en, fi)`,
            });
      }),
  );

const capacityProblem = 'capacity must be a whole number from 1 to 50 (--capacity)';

const agentInput = z.object({
  email: z.email({ error: 'email must be an email address (--email)' }),
  name: z.string({ error: 'name is required (--name)' }).trim().min(1, 'name is required (--name)').max(100),
  languages: codes,
  skills: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(skillName)),
  role: z.enum(['agent', 'admin'], { error: 'role must be agent or admin' }).default('agent'),
  capacity: z.coerce
    .number({ error: capacityProblem })
    .int(capacityProblem)
    .min(1, capacityProblem)
    .max(50, capacityProblem)
    .default(3),
});

export type AgentFlags = Partial<
  Record<'email' | 'name' | 'languages' | 'skills' | 'role' | 'capacity', string>
>;

/** The password: the first line of stdin (piped), or typed at a prompt without echo (a terminal). */
export async function readPassword(input: Readable & { isTTY?: boolean }, out: Output): Promise<string> {
  if (input.isTTY) out.error('Password (not shown): ');
  const rl = createInterface({ input, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

/** `frontdesk agents add`: validates every flag (all problems listed), hashes the password (scrypt), stores the agent. */
export async function agentsAdd(
  agents: AgentStore,
  flags: AgentFlags,
  password: () => Promise<string>,
  out: Output,
  kbLanguages: readonly string[] = [],
): Promise<number> {
  const parsed = agentInput.safeParse(flags);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${String(i.path[0] ?? 'flags')}: ${i.message}`);
    out.error(['Cannot add the agent:', ...new Set(lines)].join('\n'));
    return 2;
  }
  const secret = await password();
  const problem = passwordProblem(secret);
  if (problem) {
    out.error(problem);
    return 2;
  }
  try {
    const agent = await agents.add({ ...parsed.data, passwordHash: await hashPassword(secret) });
    const lacking = kbLanguages.length > 0 ? agent.languages.filter((l) => !kbLanguages.includes(l)) : [];
    if (lacking.length > 0)
      out.error(
        `Warning: the knowledge base has no ${lacking.join(', ')} articles (it has ${kbLanguages.join(', ')}): ` +
          `visitors are not served in ${lacking.length > 1 ? 'those languages' : 'that language'}, so no chat in it reaches this agent.`,
      );
    out.line(
      `Added ${agent.role} ${agent.name} <${agent.email}> (languages ${agent.languages.join(', ')}; skills ${agent.skills.join(', ') || 'none'}; ${agent.capacity} chats at once)`,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.id === 'AGENT_EXISTS') {
      out.error(err.message);
      return 2;
    }
    throw err;
  }
}

export async function agentsList(agents: AgentStore, out: Output): Promise<number> {
  const all = await agents.list();
  if (all.length === 0) out.line('No agents yet: frontdesk agents add --email … --name … --languages en');
  for (const a of all)
    out.line(
      `${a.email}  ${a.name}  ${a.role}  languages=${a.languages.join(',')}  skills=${a.skills.join(',') || '-'}  capacity=${a.capacity}`,
    );
  return 0;
}

/**
 * `frontdesk agents disable --email E`: the agent can no longer sign in, and every session of theirs ends.
 * A running server notices at the agent's next console action, or within seconds (it re-checks sessions).
 */
export async function agentsDisable(
  agents: AgentStore,
  email: string | undefined,
  out: Output,
): Promise<number> {
  const parsed = z.email().safeParse(email?.trim());
  if (!parsed.success) {
    out.error("Give the agent's email address: frontdesk agents disable --email E");
    return 2;
  }
  const agent = await agents.disable(parsed.data);
  if (!agent) {
    out.error(`No agent has the email ${parsed.data}.`);
    return 2;
  }
  out.line(`Disabled ${agent.name} <${agent.email}>: signed out everywhere, and cannot sign in.`);
  return 0;
}
