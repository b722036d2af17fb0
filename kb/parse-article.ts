import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Article, KbProblem } from './types.js';
import { frontMatterSchema, knownKeys, parseYaml } from './front-matter.js';
import {
  markdownDelimiters,
  markdownNesting,
  maxMarkdownDelimiters,
  maxMarkdownNesting,
} from '../common/markdown-limits.js';

const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export interface ParseResult {
  readonly article: Article | null;
  readonly problems: KbProblem[];
}

/** Parses one Markdown article (YAML front matter, then the Markdown answer) with remark. */
export function parseArticle(file: string, source: string, lang: string): ParseResult {
  const problems: KbProblem[] = [];
  const problem = (line: number, code: string, message: string, severity: KbProblem['severity'] = 'error') =>
    problems.push({ severity, code, file, line, message });

  const text = source.replace(/^\uFEFF/, '');
  // Before remark sees it: a pathological nesting stops the parser for seconds, or overflows the stack.
  const nesting = markdownNesting(text);
  if (nesting.depth > maxMarkdownNesting) {
    problem(
      nesting.line,
      'markdown-too-deep',
      `lists or block quotes nest ${nesting.depth} levels deep here; at most ${maxMarkdownNesting} can be shown`,
    );
    return { article: null, problems };
  }
  const delimiters = markdownDelimiters(text);
  if (delimiters > maxMarkdownDelimiters) {
    problem(
      1,
      'markdown-too-complex',
      `${delimiters} emphasis, code and link marks (*, _, \`, [, ], <); at most ${maxMarkdownDelimiters} can be shown`,
    );
    return { article: null, problems };
  }
  const tree = parser.parse(text);
  const first = tree.children[0];
  if (!first || first.type !== 'yaml' || !first.position) {
    problem(1, 'front-matter-missing', 'the file must start with YAML front matter between two "---" lines');
    return { article: null, problems };
  }
  const yamlFirstLine = first.position.start.line + 1;
  const yaml = parseYaml(first.value, yamlFirstLine);
  for (const e of yaml.errors) problem(e.line, 'yaml-invalid', e.message);
  if (yaml.errors.length > 0) return { article: null, problems };

  const raw = yaml.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problem(yamlFirstLine, 'front-matter-invalid', 'the front matter must be a mapping of keys to values');
    return { article: null, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!knownKeys.has(key)) problem(yaml.lineOf([key]), 'key-unknown', `unknown key "${key}"`, 'warning');
  }
  const parsed = frontMatterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      problem(yaml.lineOf(path), 'front-matter-invalid', `${where}${issue.message}`);
    }
    return { article: null, problems };
  }
  const fm = parsed.data;
  const body = text.slice(first.position.end.offset ?? 0).trim();
  if (body === '')
    problem(first.position.end.line, 'body-empty', 'the article has no answer text after the front matter');
  if (fm.questions.length === 0) {
    problem(
      yaml.lineOf(['title']),
      'questions-missing',
      'no alternative questions: add a few phrasings',
      'warning',
    );
  }
  if (problems.some((p) => p.severity === 'error')) return { article: null, problems };

  const article: Article = {
    id: fm.id,
    lang,
    title: fm.title,
    questions: fm.questions,
    questionLines: fm.questions.map((_, i) => yaml.lineOf(['questions', i])),
    titleLine: yaml.lineOf(['title']),
    idLine: yaml.lineOf(['id']),
    body,
    tags: fm.tags,
    form: fm.form ?? null,
    formLine: yaml.lineOf(['form']),
    handoff: fm.handoff,
    file,
  };
  return { article, problems };
}
