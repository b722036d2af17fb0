import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../store/ports.js';
import type { Translator } from '../../common/translator.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { helsinkiOffice } from '../helpers/hours.js';
import type { HandoffSignal } from '../../handoff/ports.js';
import { HandoffService } from '../../handoff/service.js';
import { acceptingOutbox } from '../helpers/outbox.js';
import { ConversationWriter } from '../../conversation/writer.js';

const t: Translator = { t: (key, _lang, vars) => `${key}${vars ? ` ${JSON.stringify(vars)}` : ''}` };
const hours = helsinkiOffice;

let store: Store;
let signals: HandoffSignal[];
const desk = (now: string, graceMs = 50) =>
  new HandoffService({
    conversations: store.conversations,
    handoffs: store.handoffs,
    agents: store.agents,
    translator: t,
    bus: { emit: (s) => signals.push(s) },
    outbox: acceptingOutbox(),
    amender: new ConversationWriter(store.conversations),
    defaultLang: 'en',
    hours,
    graceMs,
    now: () => new Date(now),
  });
const conversation = () =>
  store.conversations.open({ channel: 'web', visitorKey: `v-${Math.random()}`, lang: 'fi' });
const input = { lang: 'fi', reason: 'asked' as const, skills: [], page: null };
const agent = () =>
  store.agents.add({
    email: `a${Math.random()}@example.com`,
    name: 'Aino',
    languages: ['fi'],
    skills: [],
    capacity: 2,
    role: 'agent',
    passwordHash: 'x',
  });

beforeEach(() => {
  store = openEmbeddedStore(':memory:');
  signals = [];
});
afterEach(() => store.close());

describe('HandoffService and business hours', () => {
  it('outside hours (a Saturday in Helsinki) keeps a pending contact and says when the team is back', async () => {
    const d = desk('2026-11-21T10:00:00Z');
    const c = await conversation();
    const outcome = await d.request(c, input);
    expect(outcome).toEqual({
      kind: 'closed',
      nextOpening: new Date('2026-11-23T07:00:00Z'),
      timeZone: 'Europe/Helsinki',
    });
    expect((await store.handoffs.latest(c.id))?.status).toBe('pending');
    d.close();
  });

  it('over Christmas the next opening skips the holidays and the weekend', async () => {
    const d = desk('2026-12-24T08:00:00Z');
    expect(await d.request(await conversation(), input)).toEqual({
      kind: 'closed',
      nextOpening: new Date('2026-12-28T07:00:00Z'),
      timeZone: 'Europe/Helsinki',
    });
    d.close();
  });

  it('within hours but nobody online: "nobody"; with an available agent: queued', async () => {
    const d = desk('2026-11-23T08:00:00Z');
    expect(await d.request(await conversation(), input)).toEqual({ kind: 'nobody' });
    const a = await agent();
    d.connected(a.id);
    d.setAvailable(a.id, true);
    const outcome = await d.request(await conversation(), input);
    expect(outcome).toMatchObject({ kind: 'queued', view: { state: 'queued', position: 1, etaMinutes: 5 } });
    expect(signals.some((s) => s.kind === 'offer' && s.agentId === a.id)).toBe(true);
    d.close();
  });

  it('after a restart, an owner who does not come back within the grace period loses the chat to the queue', async () => {
    const first = desk('2026-11-23T08:00:00Z');
    const a = await agent();
    first.connected(a.id);
    first.setAvailable(a.id, true);
    const c = await conversation();
    await first.request(c, input);
    const h = await store.handoffs.active(c.id);
    await first.claim(a, h?.id ?? '');
    first.close();
    const restarted = desk('2026-11-23T08:05:00Z', 30);
    await restarted.resumeAfterRestart();
    await new Promise((r) => setTimeout(r, 120));
    expect((await store.handoffs.get(h?.id ?? ''))?.status).toBe('queued');
    expect((await store.conversations.messages(c.id)).at(-1)?.text).toBe('handoff.requeued');
    restarted.close();
  });
});
