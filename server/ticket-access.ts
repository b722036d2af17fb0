import { AppError } from '../common/errors.js';
import type { Agent } from '../handoff/types.js';
import type { Ticket } from '../tickets/types.js';

/**
 * Who may change a ticket from the console (status, priority, tags, assignee, replies, notes, merges):
 * an admin; its assignee; an agent of its team (a team is an agent skill of the same name, e.g. `billing`).
 * A ticket nobody is assigned to is its team's pool; when no agent belongs to its team (or it has none),
 * every agent may take it. Reading stays open to every signed-in agent. REST API keys are
 * server-to-server credentials of the whole deployment: they are not limited by this rule.
 */
export function mayChangeTicket(
  agent: Agent,
  ticket: Pick<Ticket, 'assignee' | 'team'>,
  agents: readonly Agent[],
): boolean {
  if (agent.role === 'admin' || ticket.assignee === agent.id) return true;
  const team = ticket.team;
  if (team && agent.skills.includes(team)) return true;
  if (ticket.assignee !== null) return false;
  return !team || !agents.some((a) => a.skills.includes(team));
}

export function assertMayChangeTicket(
  agent: Agent,
  ticket: Pick<Ticket, 'assignee' | 'team' | 'number'>,
  agents: readonly Agent[],
): void {
  if (!mayChangeTicket(agent, ticket, agents))
    throw new AppError(
      'FORBIDDEN',
      `Ticket ${ticket.number} belongs to another agent or team; only they or an admin can change it.`,
    );
}
