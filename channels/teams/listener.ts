import restify, { type Server } from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import type { LogPort } from '../../bot/bot.js';
import { KeyedQueue } from '../../common/keyed-queue.js';
import { AppError, publicError } from '../../common/errors.js';
import type { AuthenticatingAdapter } from './cloud-adapter.js';
import { incomingActivity, visitorKeyOf } from './activity.js';

export const teamsMessagesPath = '/api/messages';

/**
 * The Bot Framework messaging endpoint on its own restify server: `POST /api/messages`. The body must be
 * an activity (400 otherwise); the token is checked before anything else happens (401 for every failure,
 * nothing stored); turns of one Teams user or thread run one at a time, in order.
 */
export function teamsListener(deps: {
  readonly adapter: AuthenticatingAdapter;
  readonly logic: (context: TurnContext) => Promise<void>;
  readonly log: LogPort;
}): { server: Server; listen(port: number, host: string): Promise<string>; close(): Promise<void> } {
  const queue = new KeyedQueue();
  const server = restify.createServer({ name: 'frontdesk-teams', handleUncaughtExceptions: false });
  // restify's body reader takes maxBodySize (its types, written for restify 8, leave it out).
  const bodyLimit: restify.plugins.JsonBodyParserOptions & { maxBodySize: number } = {
    maxBodySize: 1024 * 1024,
  };
  server.use(restify.plugins.jsonBodyParser(bodyLimit));

  const fail = (res: restify.Response, err: AppError) => {
    const e = publicError(err);
    res.send(err.status, { error: { code: e.code, message: e.message, details: e.details } });
  };

  server.post(teamsMessagesPath, async (req: restify.Request, res: restify.Response) => {
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success)
      return fail(res, new AppError('PAYLOAD_INVALID', 'The body is not a Bot Framework activity.'));
    const activity = req.body as Activity;
    const header = req.header('authorization', '');
    const auth = await deps.adapter.authenticate(activity, header);
    if (!auth) {
      deps.log.warn(
        { channelId: parsed.data.channelId, hasHeader: header !== '' },
        'Teams request refused: bad token',
      );
      return fail(res, new AppError('BOT_TOKEN_INVALID'));
    }
    try {
      const answer = await queue.run(visitorKeyOf(activity), () =>
        deps.adapter.run(auth, activity, deps.logic),
      );
      if (answer.body === undefined) res.send(answer.status);
      else res.send(answer.status, answer.body);
    } catch (err) {
      deps.log.error({ err, type: parsed.data.type }, 'Teams activity failed');
      fail(res, new AppError('INTERNAL'));
    }
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: bound } = server.address() as AddressInfo;
          resolve(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
        });
      }),
    close: async () => {
      await queue.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
