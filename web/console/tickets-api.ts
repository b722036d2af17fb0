import { requestJson } from './json-request.js';
import type { AgentSummary, Ticket, TicketChange, TicketQuery } from './tickets-types.js';

/** The console's ticket routes (same origin, the session cookie): server/console-ticket-routes.ts. */
const base = '/console/api';
const listLimit = 200;

/** A refused request: the server's error code and message, with the field details of a 400. */
export class TicketApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'TicketApiError';
  }

  /** The message with the details of a 400, as one line for the agent. */
  get text(): string {
    return this.details.length > 0 ? `${this.message} ${this.details.join('; ')}` : this.message;
  }
}

function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  return requestJson<T>(`${base}${path}`, method, body, (...e) => new TicketApiError(...e));
}

const key = (idOrNumber: string) => encodeURIComponent(idOrNumber);

/** The query string of a list request; empty filters are left out. */
export function listSearch(query: TicketQuery): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.priority) params.set('priority', query.priority);
  if (query.lang) params.set('lang', query.lang);
  if (query.assignee) params.set('assignee', query.assignee);
  if (query.overdue) params.set('overdue', 'true');
  if (query.q.trim()) params.set('q', query.q.trim());
  params.set('sort', query.sort);
  params.set('limit', String(listLimit));
  return params.toString();
}

export const ticketApi = {
  list: (query: TicketQuery) =>
    request<{ tickets: Ticket[]; now: string }>('GET', `/tickets?${listSearch(query)}`),
  get: (idOrNumber: string) => request<Ticket>('GET', `/tickets/${key(idOrNumber)}`),
  update: (idOrNumber: string, change: TicketChange) =>
    request<Ticket>('PATCH', `/tickets/${key(idOrNumber)}`, change),
  comment: (idOrNumber: string, body: string, internal: boolean) =>
    request<Ticket>('POST', `/tickets/${key(idOrNumber)}/comments`, { body, internal }),
  merge: (idOrNumber: string, into: string) =>
    request<{ source: Ticket; target: Ticket }>('POST', `/tickets/${key(idOrNumber)}/merge`, { into }),
  agents: async () => (await request<{ agents: AgentSummary[] }>('GET', '/agents')).agents,
};
