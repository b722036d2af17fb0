import { requestJson } from './json-request.js';
import type { ConsoleMessage } from '../../channels/web/agent-events.js';
/** A review group as the review routes return it: the server's own type (types only). */
import type { ReviewGroupView } from '../../review/group-view.js';

/** The admins' review routes (same origin, the session cookie): server/console-review-routes.ts. */
const base = '/console/api/admin/review';

export interface LintProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly line: number;
  readonly message: string;
}

export interface MissingTranslation {
  readonly articleId: string;
  readonly lang: string;
  readonly from: string;
  readonly requests: number;
  readonly lastAt: string;
}

/** One conversation's transcript, read-only (server/admin-conversation-routes.ts). */
export interface ConversationTranscript {
  readonly conversation: {
    readonly id: string;
    readonly channel: string;
    readonly lang: string | null;
    readonly createdAt: string;
    readonly updatedAt: string;
  };
  readonly messages: readonly ConsoleMessage[];
  /** Only the latest messages are shown: there were more. */
  readonly truncated: boolean;
}

export interface ReviewQuery {
  lang: string;
  status: 'open' | 'dismissed' | 'resolved';
  sort: 'newest' | 'frequent';
}

/** A refused request: the server's error code and message (and details, e.g. lint errors). */
export class ReviewApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message} ${details.join('; ')}` : message);
    this.name = 'ReviewApiError';
  }
}

function request<T>(method: 'GET' | 'POST', path: string, body?: unknown, root = base): Promise<T> {
  return requestJson<T>(`${root}${path}`, method, body, (...e) => new ReviewApiError(...e));
}

const q = (params: Record<string, string>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
const id = (groupId: string) => encodeURIComponent(groupId);

export const reviewApi = {
  groups: (query: ReviewQuery) =>
    request<{ groups: ReviewGroupView[]; languages: string[] }>('GET', `/groups?${q({ ...query })}`),
  add: (groupId: string, articleId: string, question: string) =>
    request<{ articleId: string; file: string; question: string }>('POST', `/groups/${id(groupId)}/add`, {
      articleId,
      question,
    }),
  dismiss: (groupId: string) => request<{ dismissed: number }>('POST', `/groups/${id(groupId)}/dismiss`),
  undo: (groupId: string) => request<{ restored: number }>('POST', `/groups/${id(groupId)}/undo`),
  articles: async (lang: string) =>
    (await request<{ articles: Array<{ id: string; title: string }> }>('GET', `/articles?${q({ lang })}`))
      .articles,
  lint: (lang: string, slug: string, text: string) =>
    request<{ problems: LintProblem[]; html: string }>('POST', '/lint', { lang, slug, text }),
  create: (lang: string, slug: string, text: string, groupId: string | null) =>
    request<{ articleId: string; file: string }>('POST', '/articles', {
      lang,
      slug,
      text,
      ...(groupId ? { groupId } : {}),
    }),
  translations: async () =>
    (await request<{ translations: MissingTranslation[] }>('GET', '/translations')).translations,
  template: (articleId: string, lang: string) =>
    request<{ from: string; lang: string; slug: string; text: string }>(
      'GET',
      `/translations/template?${q({ articleId, lang })}`,
    ),
  conversation: (conversationId: string) =>
    request<ConversationTranscript>(
      'GET',
      `/${encodeURIComponent(conversationId)}`,
      undefined,
      '/console/api/admin/conversations',
    ),
};
