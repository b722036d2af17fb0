import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Store } from './ports.js';

/** The admin settings part of the store contract: agents enabled again and edited, the audit log. */
export function describeAdminContract(store: () => Store): void {
  describe('admin settings', () => {
    it('disables and enables an agent, and edits role, languages, skills and capacity', async () => {
      const email = `admin-${randomUUID()}@example.com`;
      const a = await store().agents.add({
        email,
        name: 'Aino',
        languages: ['fi'],
        skills: [],
        capacity: 2,
        role: 'agent',
        passwordHash: 'scrypt$hash',
      });
      await store().agents.createSession(`s-${a.id}`, a.id, new Date(Date.now() + 60_000).toISOString());
      await store().agents.disable(email.toUpperCase());
      expect(await store().agents.disabledIds()).toContain(a.id);
      expect(await store().agents.sessionAgent(`s-${a.id}`, new Date().toISOString())).toBeNull();
      expect(await store().agents.enable(email)).toMatchObject({ id: a.id });
      expect(await store().agents.disabledIds()).not.toContain(a.id);
      expect((await store().agents.byEmail(email))?.disabled).toBe(false);
      const edited = await store().agents.update(a.id, {
        role: 'admin',
        languages: ['en', 'fi'],
        skills: ['billing'],
        capacity: 5,
      });
      expect(edited).toMatchObject({
        role: 'admin',
        languages: ['en', 'fi'],
        skills: ['billing'],
        capacity: 5,
        name: 'Aino',
      });
      expect(await store().agents.get(a.id)).toEqual(edited);
      expect(await store().agents.update(`none-${randomUUID()}`, { role: 'admin' })).toBeNull();
      expect(await store().agents.enable(`none-${randomUUID()}@example.com`)).toBeNull();
    });

    it('keeps the audit log newest first, pages with before', async () => {
      const actor = { id: randomUUID(), email: 'root@example.com' };
      const target = randomUUID();
      const first = await store().audit.record({
        actor,
        action: 'agent.add',
        target,
        details: { role: 'agent' },
      });
      const second = await store().audit.record({ actor, action: 'agent.disable', target, details: {} });
      const latest = await store().audit.list({ limit: 2 });
      expect(latest.map((e) => e.id)).toEqual([second.id, first.id]);
      expect(latest[1]).toEqual(first);
      expect(first).toMatchObject({ actor, action: 'agent.add', target, details: { role: 'agent' } });
      expect((await store().audit.list({ before: second.id, limit: 1 })).map((e) => e.id)).toEqual([
        first.id,
      ]);
      expect(await store().audit.list({ limit: 0 })).toEqual([]);
    });
  });
}
