import type { TestServer } from './server.js';

/** A JSON call to the console's API as the signed-in agent of `cookie` (POSTs carry the own Origin). */
export async function consoleCall(
  server: TestServer,
  cookie: string,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${route}`, {
    method,
    headers: {
      cookie,
      origin: server.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export interface GroupBody {
  readonly id: string;
  readonly lang: string;
  readonly question: string;
  readonly count: number;
  readonly examples: string[];
  readonly conversations: string[];
  readonly sources: Record<string, number>;
  readonly top: Array<{ articleId: string; title: string; confidence: number }>;
  readonly answers: string[];
  readonly mark: { status: string; by: string; at: string; articleId: string | null } | null;
}

/** The open review groups (GET /console/api/admin/review/groups). */
export async function reviewGroups(server: TestServer, cookie: string, query = ''): Promise<GroupBody[]> {
  const r = await consoleCall(server, cookie, 'GET', `/console/api/admin/review/groups${query}`);
  if (r.status !== 200) throw new Error(`review groups: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body['groups'] as GroupBody[];
}
