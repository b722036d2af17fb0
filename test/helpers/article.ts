import type { Article } from '../../kb/types.js';

/**
 * An in-memory article for unit tests: `id` and `questions` given, the rest defaulted (English, title
 * "Title <id>", a body, no form, lines as a file with the id on line 1, the title on 2 and the questions
 * from 3 would have them). Any field can be given instead.
 */
export function testArticle(fields: Pick<Article, 'id' | 'questions'> & Partial<Article>): Article {
  const lang = fields.lang ?? 'en';
  return {
    lang,
    title: `Title ${fields.id}`,
    questionLines: fields.questions.map((_, i) => i + 3),
    titleLine: 2,
    idLine: 1,
    body: 'Body.',
    tags: [],
    form: null,
    formLine: 0,
    handoff: false,
    file: `${lang}/${fields.id}.md`,
    ...fields,
  };
}
