import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { ReviewService } from '../review/service.js';
import type { Agent } from '../handoff/types.js';
import type { AdminAuditStore } from '../store/ports.js';
import { renderMarkdown } from '../channels/web/render.js';
import { parseOr400 } from './json-routes.js';
import { signedInAgent } from './console-routes.js';

const lang = z.string().trim().min(2).max(16);
const listQuery = z.object({
  lang: lang.optional(),
  status: z.enum(['open', 'resolved', 'dismissed']).default('open'),
  sort: z.enum(['newest', 'frequent']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const addBody = z.strictObject({
  articleId: z.string().trim().min(1).max(128),
  question: z.string().max(300).optional(),
  version: z.string().max(64).optional(),
});
const articleBody = z.strictObject({
  lang,
  slug: z.string().trim().min(1).max(80),
  text: z.string().min(1).max(100_000),
  groupId: z.string().max(100).optional(),
});
const articleQuery = z.object({ lang, articleId: z.string().trim().min(1).max(128) });
const langQuery = z.object({ lang: lang.optional() });

type Handler = (req: Request, res: Response) => Promise<{ status: number; body: unknown }>;

/**
 * The review queue for admins, under /console/api/admin (console-routes.ts answers 403 to agents before
 * these run). Thin routes: validate, one service call, JSON.
 */
export function consoleReviewRoutes(deps: {
  review: ReviewService;
  languages: () => readonly string[];
  articles: (lang: string) => Array<{ id: string; title: string }>;
  /** The admin audit log: every change made here (add, new article, dismiss, undo) is recorded. */
  audit: AdminAuditStore;
}): Router {
  const router = express.Router();
  const json = express.json({ limit: '200kb' });
  const base = '/console/api/admin/review';
  const route = (handler: Handler) => async (req: Request, res: Response, next: (err?: unknown) => void) => {
    try {
      const { status, body } = await handler(req, res);
      res.status(status).json(body);
    } catch (err) {
      next(err);
    }
  };
  const groupId = (req: Request) => String(req.params['id']);
  const audit = (admin: Agent, action: string, target: string, details: Record<string, unknown>) =>
    deps.audit.record({ actor: { id: admin.id, email: admin.email }, action, target, details });

  router.get(
    `${base}/groups`,
    route(async (req) => {
      const q = parseOr400(listQuery, req.query);
      const groups = await deps.review.list({ ...q, ...(q.lang ? { lang: q.lang } : {}) });
      return { status: 200, body: { groups, languages: deps.languages() } };
    }),
  );
  router.post(
    `${base}/groups/:id/add`,
    json,
    route(async (req, res) => {
      const body = parseOr400(addBody, req.body ?? {});
      const saved = await deps.review.addToArticle(
        {
          groupId: groupId(req),
          articleId: body.articleId,
          ...(body.question !== undefined ? { question: body.question } : {}),
          ...(body.version !== undefined ? { version: body.version } : {}),
        },
        signedInAgent(res),
      );
      await audit(signedInAgent(res), 'review.add', saved.articleId, {
        group: groupId(req),
        lang: saved.lang,
        file: saved.file,
        question: saved.question,
      });
      return { status: 200, body: saved };
    }),
  );
  router.post(
    `${base}/groups/:id/dismiss`,
    route(async (req, res) => {
      const marks = await deps.review.dismiss(groupId(req), signedInAgent(res));
      await audit(signedInAgent(res), 'review.dismiss', groupId(req), { questions: marks.length });
      return { status: 200, body: { dismissed: marks.length } };
    }),
  );
  router.post(
    `${base}/groups/:id/undo`,
    route(async (req, res) => {
      const restored = await deps.review.undoDismiss(groupId(req));
      await audit(signedInAgent(res), 'review.undo', groupId(req), { questions: restored });
      return { status: 200, body: { restored } };
    }),
  );
  router.get(
    `${base}/articles`,
    route(async (req) => {
      const q = parseOr400(z.object({ lang }), req.query);
      return { status: 200, body: { articles: deps.articles(q.lang) } };
    }),
  );
  router.get(
    `${base}/source`,
    route(async (req) => {
      const q = parseOr400(articleQuery, req.query);
      return { status: 200, body: await deps.review.source(q.articleId, q.lang) };
    }),
  );
  router.post(
    `${base}/lint`,
    json,
    route(async (req) => {
      const body = parseOr400(articleBody, req.body ?? {});
      const problems = deps.review.lint(body);
      const text = body.text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/, '');
      return { status: 200, body: { problems, html: renderMarkdown(text) } };
    }),
  );
  router.post(
    `${base}/articles`,
    json,
    route(async (req, res) => {
      const body = parseOr400(articleBody, req.body ?? {});
      const saved = await deps.review.createArticle(
        {
          lang: body.lang,
          slug: body.slug,
          text: body.text,
          ...(body.groupId ? { groupId: body.groupId } : {}),
        },
        signedInAgent(res),
      );
      await audit(signedInAgent(res), 'review.article', saved.articleId, {
        ...(body.groupId ? { group: body.groupId } : {}),
        lang: saved.lang,
        file: saved.file,
      });
      return { status: 201, body: saved };
    }),
  );
  router.get(
    `${base}/translations`,
    route(async (req) => {
      const q = parseOr400(langQuery, req.query);
      return { status: 200, body: { translations: await deps.review.translations(q.lang) } };
    }),
  );
  router.get(
    `${base}/translations/template`,
    route(async (req) => {
      const q = parseOr400(articleQuery, req.query);
      return { status: 200, body: await deps.review.translationTemplate(q.articleId, q.lang) };
    }),
  );
  return router;
}
