import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

/** The agents and handoffs part of the store contract; `store()` is the current test's store. */
export function describeHandoffContract(store: () => Store): void {
  const newAgent = (email = `${randomUUID()}@example.com`) =>
    store().agents.add({
      email,
      name: 'Aino',
      languages: ['fi', 'en'],
      skills: ['billing'],
      capacity: 2,
      role: 'agent',
      passwordHash: 'scrypt$hash',
    });
  const newHandoff = (conversationId = randomUUID()) =>
    store().handoffs.create({
      conversationId,
      channel: 'web',
      lang: 'fi',
      skills: ['orders'],
      reason: 'asked',
      page: 'https://shop.example/cart',
      status: 'queued',
    });

  describe('agents', () => {
    it('adds an agent, finds it by id and by email in any case, with the hash only by email', async () => {
      const email = `Aino.${randomUUID()}@Example.com`;
      const a = await newAgent(email);
      expect(a).toMatchObject({
        email,
        name: 'Aino',
        languages: ['fi', 'en'],
        skills: ['billing'],
        capacity: 2,
        role: 'agent',
      });
      expect(await store().agents.get(a.id)).toEqual(a);
      expect(await store().agents.byEmail(email.toLowerCase())).toEqual({
        ...a,
        passwordHash: 'scrypt$hash',
        disabled: false,
      });
      expect((await store().agents.list()).map((x) => x.id)).toContain(a.id);
    });

    it('disables an agent by email in any case: its sessions end, new ones do not count', async () => {
      const a = await newAgent(`Dis.${randomUUID()}@Example.com`);
      const other = await newAgent();
      const live = '2099-01-01T00:00:00.000Z';
      await store().agents.createSession(`s1-${a.id}`, a.id, live);
      await store().agents.createSession(`s2-${other.id}`, other.id, live);
      expect(await store().agents.disable(a.email.toUpperCase())).toMatchObject({ id: a.id });
      const now = new Date().toISOString();
      expect(await store().agents.sessionAgent(`s1-${a.id}`, now)).toBeNull();
      expect(await store().agents.sessionAgent(`s2-${other.id}`, now)).toBe(other.id);
      await store().agents.createSession(`s3-${a.id}`, a.id, live);
      expect(await store().agents.sessionAgent(`s3-${a.id}`, now)).toBeNull();
      expect(await store().agents.byEmail(a.email)).toMatchObject({ disabled: true });
      expect(await store().agents.disable(a.email)).toMatchObject({ id: a.id });
      expect(await store().agents.disable('nobody@example.com')).toBeNull();
    });

    it('refuses a second agent with the same email', async () => {
      const email = `${randomUUID()}@example.com`;
      await newAgent(email);
      await expect(newAgent(email.toUpperCase())).rejects.toMatchObject({ id: 'AGENT_EXISTS' });
    });

    it('keeps sessions until they expire or are deleted', async () => {
      const a = await newAgent();
      const token = randomUUID();
      await store().agents.createSession(token, a.id, '2099-01-01T00:00:00.000Z');
      expect(await store().agents.sessionAgent(token, new Date().toISOString())).toBe(a.id);
      expect(await store().agents.sessionAgent(token, '2100-01-01T00:00:00.000Z')).toBeNull();
      await store().agents.deleteSession(token);
      expect(await store().agents.sessionAgent(token, new Date().toISOString())).toBeNull();
    });
  });

  describe('handoffs', () => {
    it('creates a queued handoff that is the conversation’s active and latest one', async () => {
      const h = await newHandoff();
      expect(h).toMatchObject({
        status: 'queued',
        lang: 'fi',
        skills: ['orders'],
        assignedTo: null,
        csat: null,
      });
      expect(await store().handoffs.get(h.id)).toEqual(h);
      expect(await store().handoffs.active(h.conversationId)).toEqual(h);
      expect(await store().handoffs.latest(h.conversationId)).toEqual(h);
    });

    it('lets exactly one of two simultaneous claims win', async () => {
      const h = await newHandoff();
      const at = new Date().toISOString();
      const [a, b] = await Promise.all([
        store().handoffs.claim(h.id, 'agent-a', at),
        store().handoffs.claim(h.id, 'agent-b', at),
      ]);
      const winners = [a, b].filter((x) => x !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: 'assigned', assignedAt: at });
      expect((await store().handoffs.get(h.id))?.assignedTo).toBe(winners[0]?.assignedTo);
    });

    it('updates only from the expected statuses, and lists by status and assignee', async () => {
      const h = await newHandoff();
      const agent = `agent-${randomUUID()}`;
      await store().handoffs.claim(h.id, agent, new Date().toISOString());
      expect(await store().handoffs.update(h.id, ['queued'], { status: 'cancelled' })).toBeNull();
      const resolvedAt = new Date().toISOString();
      const done = await store().handoffs.update(h.id, ['assigned'], {
        status: 'resolved',
        resolvedAt,
        csat: { rating: 5, comment: 'kiitos' },
      });
      expect(done).toMatchObject({ status: 'resolved', resolvedAt, csat: { rating: 5, comment: 'kiitos' } });
      expect(await store().handoffs.active(h.conversationId)).toBeNull();
      expect((await store().handoffs.list({ assignedTo: agent })).map((x) => x.id)).toEqual([h.id]);
      expect(
        (await store().handoffs.list({ status: 'resolved', assignedTo: agent })).map((x) => x.id),
      ).toEqual([h.id]);
    });

    it('orders the queue by queue key: a requeued chat can go to the front', async () => {
      const first = await newHandoff();
      const second = await newHandoff();
      await store().handoffs.update(second.id, ['queued'], { queueKey: first.queueKey - 1 });
      const queued = (await store().handoffs.list({ status: 'queued' })).map((x) => x.id);
      expect(queued.indexOf(second.id)).toBeLessThan(queued.indexOf(first.id));
    });
  });
}
