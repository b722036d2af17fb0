import { expect } from '@jest/globals';
import type { Bot } from '../../bot/bot.js';
import type { StoredMessage } from '../../conversation/types.js';

type Expectation = string | RegExp | ((reply: StoredMessage) => void);

/**
 * botbuilder-style transcript testing: `new TestAdapter(bot).send('hi').assertReply(/hello/).then(...)`.
 * Each send runs a real turn; assertReply checks the next unread reply.
 */
export class TestAdapter implements PromiseLike<unknown> {
  private chain: Promise<void> = Promise.resolve();
  private pending: StoredMessage[] = [];
  readonly transcript: StoredMessage[] = [];

  constructor(
    private readonly bot: Pick<Bot, 'handleTurn'>,
    private readonly visitorKey = `visitor-${Math.random().toString(36).slice(2)}`,
    private readonly channel = 'test',
  ) {}

  send(text: string, options: { postback?: string; clientId?: string; localeHint?: string } = {}): this {
    this.chain = this.chain.then(async () => {
      const result = await this.bot.handleTurn({
        channel: this.channel,
        visitorKey: this.visitorKey,
        clientId: options.clientId ?? null,
        text,
        postback: options.postback ?? null,
        localeHint: options.localeHint ?? null,
      });
      this.transcript.push(result.visitorMessage, ...result.replies);
      this.pending.push(...result.replies);
    });
    return this;
  }

  assertReply(expected: Expectation): this {
    this.chain = this.chain.then(() => {
      const reply = this.pending.shift();
      if (!reply) throw new Error(`expected a reply matching ${String(expected)}, got none`);
      if (typeof expected === 'string') expect(reply.text).toBe(expected);
      else if (expected instanceof RegExp) expect(reply.text).toMatch(expected);
      else expected(reply);
    });
    return this;
  }

  assertNoReply(): this {
    this.chain = this.chain.then(() => {
      expect(this.pending.map((m) => m.text)).toEqual([]);
    });
    return this;
  }

  then<T1 = unknown, T2 = never>(
    onfulfilled?: ((value: unknown) => T1 | PromiseLike<T1>) | null,
    onrejected?: ((reason: unknown) => T2 | PromiseLike<T2>) | null,
  ): PromiseLike<T1 | T2> {
    return this.chain.then(onfulfilled, onrejected);
  }
}
