import type { Agent } from '../../handoff/types.js';
import type { ReviewService } from '../../review/service.js';
import type { Output } from './output.js';

/** Who the command line acts as: saves and marks record it (and git commits name it as author). */
export const cliAdmin: Agent = {
  id: 'cli',
  email: 'cli@frontdesk.invalid',
  name: 'frontdesk CLI',
  languages: [],
  skills: [],
  capacity: 0,
  role: 'admin',
  createdAt: new Date(0).toISOString(),
};

/** `frontdesk review list [--lang xx] [--json]`: open groups, most recent first. */
export async function reviewList(
  review: ReviewService,
  options: { lang?: string; json: boolean; sort?: 'newest' | 'frequent' },
  out: Output,
): Promise<number> {
  const groups = await review.list({
    limit: 200,
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.sort ? { sort: options.sort } : {}),
  });
  if (options.json) {
    out.line(JSON.stringify({ groups }));
    return 0;
  }
  if (groups.length === 0) out.line('Nothing to review.');
  for (const g of groups) {
    out.line(`${g.id}  [${g.lang}] ×${g.count}  "${g.question}"  last ${g.lastSeen}`);
    for (const e of g.examples.filter((x) => x !== g.question)) out.line(`    also: "${e}"`);
    for (const t of g.top) out.line(`    ${t.confidence.toFixed(3)}  ${t.articleId}  ${t.title}`);
    for (const a of g.answers) out.line(`    agent answered: ${a.replace(/\s+/g, ' ').slice(0, 120)}`);
  }
  return 0;
}

/** `frontdesk review add --group ID --article ARTICLE_ID [--question "…"]`. */
export async function reviewAdd(
  review: ReviewService,
  flags: { group?: string; article?: string; question?: string },
  out: Output,
): Promise<number> {
  if (!flags.group || !flags.article) {
    out.error('review add needs --group ID and --article ARTICLE_ID (see frontdesk review list).');
    return 2;
  }
  const saved = await review.addToArticle(
    {
      groupId: flags.group,
      articleId: flags.article,
      ...(flags.question !== undefined ? { question: flags.question } : {}),
    },
    cliAdmin,
  );
  out.line(
    `Added "${saved.question}" to ${saved.articleId} (${saved.file})${saved.commit ? `, commit ${saved.commit.slice(0, 10)}` : ''}.`,
  );
  return 0;
}

/** `frontdesk review dismiss --group ID`. */
export async function reviewDismiss(
  review: ReviewService,
  group: string | undefined,
  out: Output,
): Promise<number> {
  if (!group) {
    out.error('review dismiss needs --group ID (see frontdesk review list).');
    return 2;
  }
  const marks = await review.dismiss(group, cliAdmin);
  out.line(`Dismissed ${group} (${marks.length} question${marks.length === 1 ? '' : 's'}).`);
  return 0;
}
