import type { TurnContext } from './turn.js';

export type Next = () => Promise<void>;
export type Middleware = (ctx: TurnContext, next: Next) => Promise<void>;
export type TurnErrorHandler = (ctx: TurnContext, err: unknown) => Promise<void>;

/**
 * Ordered middleware, as in botbuilder: each step may act before and after the rest of the pipeline.
 * An error anywhere goes to the one onTurnError handler.
 */
export class Pipeline {
  private readonly steps: Middleware[] = [];

  constructor(private readonly onTurnError: TurnErrorHandler) {}

  use(...steps: Middleware[]): this {
    this.steps.push(...steps);
    return this;
  }

  async run(ctx: TurnContext): Promise<void> {
    const dispatch = async (i: number): Promise<void> => {
      const step = this.steps[i];
      if (!step) return;
      let called = false;
      await step(ctx, async () => {
        if (called) throw new Error('next() called twice');
        called = true;
        await dispatch(i + 1);
      });
    };
    try {
      await dispatch(0);
    } catch (err) {
      await this.onTurnError(ctx, err);
    }
  }
}
