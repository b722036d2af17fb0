import { describe, expect, it } from '@jest/globals';
import type { Agent } from './types.js';
import { canTake, estimateWait, rankAgents, type AgentLoad } from './routing.js';

const agent = (id: string, languages: string[], skills: string[], capacity = 2): Agent => ({
  id,
  email: `${id}@example.com`,
  name: id,
  languages,
  skills,
  capacity,
  role: 'agent',
  createdAt: '2026-01-01T00:00:00.000Z',
});
const load = (a: Agent, active = 0, available = true): AgentLoad => ({ agent: a, active, available });
const chat = { lang: 'fi', skills: ['billing'], targetAgent: null, targetSkill: null };

describe('routing', () => {
  it('offers to speakers of the language first, then by skills, then the least busy', () => {
    const aino = load(agent('aino', ['fi', 'en'], []), 1);
    const eero = load(agent('eero', ['fi'], ['billing']), 1);
    const elli = load(agent('elli', ['fi'], ['billing']), 0);
    const john = load(agent('john', ['en'], ['billing']), 0);
    expect(rankAgents(chat, [aino, eero, elli, john]).map((a) => a.agent.id)).toEqual([
      'elli',
      'eero',
      'aino',
    ]);
  });

  it('falls back to any available agent when nobody speaks the language', () => {
    const john = load(agent('john', ['en'], []));
    expect(rankAgents({ ...chat, lang: 'th' }, [john]).map((a) => a.agent.id)).toEqual(['john']);
  });

  it('skips agents who are away or full, and honours a transfer target', () => {
    const full = load(agent('full', ['fi'], [], 1), 1);
    const away = load(agent('away', ['fi'], []), 0, false);
    const free = load(agent('free', ['fi'], ['shipping']));
    expect(rankAgents(chat, [full, away]).length).toBe(0);
    expect(canTake(free, { targetAgent: 'other', targetSkill: null })).toBe(false);
    expect(canTake(free, { targetAgent: null, targetSkill: 'shipping' })).toBe(true);
    expect(canTake(free, { targetAgent: null, targetSkill: 'billing' })).toBe(false);
  });

  it('estimates the wait from position, agents and handle time', () => {
    expect(estimateWait(1, 1, 6)).toBe(6);
    expect(estimateWait(3, 2, 5)).toBe(8);
    expect(estimateWait(1, 0, 0.2)).toBe(1);
  });
});
