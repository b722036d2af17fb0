import { el } from './dom.js';
import type { Ticket } from './tickets-types.js';

const minute = 60_000;
/** Under this much time left, the badge turns amber. */
const warnMs = 60 * minute;

/** "less than 1 min", "35 min", "2 h 10 min", "3 d 4 h". */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / minute);
  if (minutes < 1) return 'less than 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export type SlaLevel = 'ok' | 'warn' | 'breached';

export interface SlaState {
  readonly level: SlaLevel;
  /** What is due: the first reply, or the resolution once replied. */
  readonly target: 'first reply' | 'resolution';
  readonly due: string;
  /** "2 h 10 min left", "breached 35 min ago". */
  readonly text: string;
}

/**
 * The SLA a ticket is running against, or null when none applies (solved, closed, no due time). The
 * first reply counts until it was given, then the resolution; the earlier of those still open wins, as
 * the server's "overdue" filter sees it.
 */
export function slaState(t: Ticket, now: number): SlaState | null {
  if (t.status === 'solved' || t.status === 'closed') return null;
  const due: Array<{ target: SlaState['target']; at: string }> = [];
  if (t.firstRepliedAt === null && t.firstReplyDue) due.push({ target: 'first reply', at: t.firstReplyDue });
  if (t.resolutionDue) due.push({ target: 'resolution', at: t.resolutionDue });
  const valid = due.filter((d) => Number.isFinite(Date.parse(d.at)));
  const first = valid.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  if (!first) return null;
  const left = Date.parse(first.at) - now;
  if (left < 0)
    return { level: 'breached', target: first.target, due: first.at, text: `breached ${duration(left)} ago` };
  return {
    level: left < warnMs ? 'warn' : 'ok',
    target: first.target,
    due: first.at,
    text: `${duration(left)} left`,
  };
}

/** A date and time in the agent's locale, e.g. "3 Mar, 14:05". */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString([], { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** "just now", "5 min ago", "3 h ago", or the date for anything older than two days. */
export function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < minute) return 'just now';
  if (ms < 48 * 60 * minute) return `${duration(ms)} ago`;
  return when(iso);
}

/** The badge: "First reply" or "Resolution", then the time left or since the breach; null when none. */
export function slaBadge(t: Ticket, now: number): HTMLElement | null {
  const sla = slaState(t, now);
  if (!sla) return null;
  const target = sla.target === 'first reply' ? 'First reply' : 'Resolution';
  const badge = el('span', {
    class: `sla sla-${sla.level}`,
    'data-sla': sla.level,
    title: `${target} due ${when(sla.due)}`,
  });
  badge.append(
    el('span', { class: 'sla-target' }, `${target}: `),
    el('span', { class: 'sla-time' }, sla.text),
  );
  return badge;
}
