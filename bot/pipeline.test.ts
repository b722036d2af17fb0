import { describe, expect, it } from '@jest/globals';
import { Pipeline, type Middleware } from './pipeline.js';
import type { BotReply, TurnContext } from './turn.js';

function context(): TurnContext {
  const replies: BotReply[] = [];
  return {
    input: { channel: 'test', visitorKey: 'v', clientId: null, text: 'hi' },
    conversation: {
      id: 'c1',
      channel: 'test',
      visitorKey: 'v',
      lang: null,
      state: { failures: 0 },
      createdAt: '',
      updatedAt: '',
    },
    visitorMessage: {
      id: 'm1',
      conversationId: 'c1',
      seq: 1,
      role: 'visitor',
      text: 'hi',
      clientId: null,
      meta: {},
      createdAt: '',
    },
    lang: 'en',
    replies,
    bag: new Map(),
    send: (r) => replies.push({ choices: [], articleId: null, confidence: null, event: null, ...r }),
  };
}

describe('Pipeline', () => {
  it('runs middleware in order, each around the rest', async () => {
    const trace: string[] = [];
    const step =
      (name: string): Middleware =>
      async (_ctx, next) => {
        trace.push(`${name}>`);
        await next();
        trace.push(`<${name}`);
      };
    await new Pipeline(async () => undefined).use(step('a'), step('b'), step('c')).run(context());
    expect(trace).toEqual(['a>', 'b>', 'c>', '<c', '<b', '<a']);
  });

  it('stops when a step does not call next', async () => {
    const trace: string[] = [];
    await new Pipeline(async () => undefined)
      .use(
        async () => void trace.push('a'),
        async () => void trace.push('b'),
      )
      .run(context());
    expect(trace).toEqual(['a']);
  });

  it('sends any error to the one onTurnError handler, with the context', async () => {
    const seen: unknown[] = [];
    const ctx = context();
    await new Pipeline(async (c, err) => {
      seen.push(err);
      c.send({ text: 'sorry' });
    })
      .use(
        async (_c, next) => next(),
        async () => {
          throw new Error('boom');
        },
      )
      .run(ctx);
    expect((seen[0] as Error).message).toBe('boom');
    expect(ctx.replies.map((r) => r.text)).toEqual(['sorry']);
  });

  it('rejects next() called twice', async () => {
    const seen: unknown[] = [];
    await new Pipeline(async (_c, err) => void seen.push(err))
      .use(async (_c, next) => {
        await next();
        await next();
      })
      .run(context());
    expect(String(seen[0])).toMatch(/next\(\) called twice/);
  });
});
