import express, { type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import type { ConversationStore } from '../conversation/ports.js';
import { toConsoleMessage } from '../channels/web/agent-presenter.js';
import { jsonRoute, parseOr400 } from './json-routes.js';

/** The messages one transcript shows at most (the latest ones); `truncated` says when there were more. */
export const transcriptLimit = 500;

const params = z.object({ id: z.uuid('a conversation id is a UUID') });

/**
 * One conversation's transcript for admins, read-only (the review queue links to the conversations its
 * questions were asked in): GET /console/api/admin/conversations/:id → the conversation (channel,
 * language, times; not the visitor's key) and its latest messages as the console shows them, internal
 * notes included. Under /console/api/admin, so the console's guard (server/console-routes.ts) has already
 * answered 401 or 403 to anyone but a signed-in admin. Mount after it.
 */
export function adminConversationRoutes(deps: { conversations: ConversationStore }): Router {
  const router = express.Router();
  router.get(
    '/console/api/admin/conversations/:id',
    jsonRoute(
      async () => null,
      async (req) => {
        const { id } = parseOr400(params, req.params);
        const conversation = await deps.conversations.get(id);
        if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation.');
        const messages = await deps.conversations.messages(id, { limit: transcriptLimit + 1 });
        const truncated = messages.length > transcriptLimit;
        return {
          status: 200,
          body: {
            conversation: {
              id: conversation.id,
              channel: conversation.channel,
              lang: conversation.lang,
              createdAt: conversation.createdAt,
              updatedAt: conversation.updatedAt,
            },
            messages: (truncated ? messages.slice(1) : messages).map(toConsoleMessage),
            truncated,
          },
        };
      },
    ),
  );
  return router;
}
