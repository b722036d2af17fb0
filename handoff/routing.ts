import type { Agent, Handoff } from './types.js';

/** An agent as routing sees them: online and available, with how many chats they own now. */
export interface AgentLoad {
  readonly agent: Agent;
  readonly available: boolean;
  readonly active: number;
}

/** Whether the agent may take this chat: available, below capacity, and the transfer's target if any. */
export function canTake(a: AgentLoad, h: Pick<Handoff, 'targetAgent' | 'targetSkill'>): boolean {
  if (!a.available || a.active >= a.agent.capacity) return false;
  if (h.targetAgent && h.targetAgent !== a.agent.id) return false;
  if (h.targetSkill && !a.agent.skills.includes(h.targetSkill)) return false;
  return true;
}

/**
 * The agents a queued chat is offered to, best first: agents who speak the chat's language (if any such
 * agent could take it, only they), then those with more of the chat's skills, then the least busy
 * (fewest chats, then most free capacity).
 */
export function rankAgents(
  h: Pick<Handoff, 'lang' | 'skills' | 'targetAgent' | 'targetSkill'>,
  agents: readonly AgentLoad[],
): AgentLoad[] {
  const able = agents.filter((a) => canTake(a, h));
  const speakers = able.filter((a) => a.agent.languages.includes(h.lang));
  const pool = speakers.length > 0 ? speakers : able;
  const skillMatch = (a: AgentLoad) => h.skills.filter((s) => a.agent.skills.includes(s)).length;
  return [...pool].sort(
    (x, y) =>
      skillMatch(y) - skillMatch(x) ||
      x.active - y.active ||
      y.agent.capacity - y.active - (x.agent.capacity - x.active) ||
      x.agent.name.localeCompare(y.agent.name),
  );
}

/** Whether the chat shows in this agent's queue: they are among the agents it is offered to. */
export function offeredTo(
  agentId: string,
  h: Pick<Handoff, 'lang' | 'skills' | 'targetAgent' | 'targetSkill'>,
  agents: readonly AgentLoad[],
): boolean {
  return rankAgents(h, agents).some((a) => a.agent.id === agentId);
}

/**
 * Estimated wait in minutes for position `position` (1 = next): the average handle time spread over the
 * agents who could take it, at least one minute.
 */
export function estimateWait(position: number, eligibleAgents: number, averageHandleMinutes: number): number {
  const agents = Math.max(1, eligibleAgents);
  return Math.max(1, Math.ceil((position * averageHandleMinutes) / agents));
}
