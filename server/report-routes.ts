import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { deriveReport } from '../reports/derive.js';
import { reportCharts, reportCsv } from '../reports/csv.js';
import type { ReportStore } from '../reports/ports.js';
import type { KpiQuery } from '../reports/types.js';
import { parseOr400 } from './json-routes.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD');
const filters = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be a language code like en')
    .optional(),
  channel: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a channel like web')
    .optional(),
  chart: z.enum(reportCharts).optional(),
});
const dayMs = 86_400_000;
const maxDays = 366;

/** The report's query: whole UTC days from `from` to `to` (both included; default the last 30 days). */
export function reportQuery(raw: unknown, now = new Date()): KpiQuery {
  const f = parseOr400(filters, raw);
  const toDay = f.to ? Date.parse(`${f.to}T00:00:00Z`) : Date.parse(now.toISOString().slice(0, 10));
  const fromDay = f.from ? Date.parse(`${f.from}T00:00:00Z`) : toDay - 29 * dayMs;
  if (Number.isNaN(fromDay) || Number.isNaN(toDay))
    throw new AppError('PAYLOAD_INVALID', 'The request is invalid.', ['from/to: not a calendar day']);
  const days = (toDay - fromDay) / dayMs + 1;
  if (days < 1 || days > maxDays)
    throw new AppError('PAYLOAD_INVALID', 'The request is invalid.', [
      `to: must be on or after from, at most ${maxDays} days later`,
    ]);
  return {
    from: new Date(fromDay).toISOString(),
    to: new Date(toDay + dayMs).toISOString(),
    ...(f.lang ? { lang: f.lang } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    now: now.toISOString(),
  };
}

/**
 * The Reports view's data (admins; mounted under /console/api/admin, whose guard checks the role):
 * GET reports → the KPI report as JSON; GET reports.csv?chart=… → one chart's data as a CSV download.
 */
export function reportRoutes(deps: { reports: ReportStore }): Router {
  const router = express.Router();
  const report = async (req: Request) => {
    const query = reportQuery(req.query);
    return deriveReport(query, await deps.reports.kpis(query));
  };
  router.get('/console/api/admin/reports', async (req, res, next) => {
    try {
      res.json(await report(req));
    } catch (err) {
      next(err);
    }
  });
  router.get('/console/api/admin/reports.csv', async (req, res, next) => {
    try {
      const chart = parseOr400(z.object({ chart: z.enum(reportCharts) }).loose(), req.query).chart;
      const r = await report(req);
      const name = `frontdesk-${chart}-${r.query.from.slice(0, 10)}-${new Date(Date.parse(r.query.to) - dayMs).toISOString().slice(0, 10)}.csv`;
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
      res.send(reportCsv(r, chart));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
