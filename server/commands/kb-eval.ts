import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../common/errors.js';
import { effectiveSettings, type PolicySettings } from '../../kb/policy.js';
import { loadKb } from '../../kb/load.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import type { KbSettings } from '../../kb/kb-config.js';
import { checkCaseTargets, parseCases } from '../../kb/eval-cases.js';
import { evaluate } from '../../kb/eval.js';
import { evalJson, formatEvalReport } from '../../kb/eval-report.js';
import type { Output } from './output.js';
import type { EmbeddingsConfig } from '../config.js';
import { semanticEngine } from '../semantic-engine.js';
import { chooseOptions } from '../../kb/embeddings/choose-options.js';

export interface KbEvalOptions {
  readonly contentDir: string;
  readonly casesFile: string;
  readonly json: boolean;
}

/** A path as the report shows it: relative to the working directory when it lies below it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel;
}

/**
 * `frontdesk kb eval`: runs every case through the KB index and the bot's decision policy with the
 * settings in force (the KB's `config.yml` over the process configuration `base`) and prints the report;
 * with `json` the last line is the JSON summary. Bad input throws AppError: CONTENT_DIR_MISSING,
 * CASES_INVALID (malformed line, unknown article id, language without articles) or KB_EMPTY.
 */
export async function kbEval(
  options: KbEvalOptions,
  base: PolicySettings & {
    readonly kbChooseThresholds?: boolean;
    readonly embeddings?: EmbeddingsConfig | undefined;
    readonly dataDir?: string;
  },
  out: Output,
): Promise<number> {
  const casesFile = shown(options.casesFile);
  if (!existsSync(options.casesFile) || !statSync(options.casesFile).isFile())
    throw new AppError('CASES_INVALID', `The cases file does not exist: ${casesFile}`);
  const cases = parseCases(casesFile, await readFile(options.casesFile, 'utf8'));

  const loaded = await loadKb(options.contentDir);
  const kbRoot = shown(loaded.root);
  if (loaded.articles.length === 0)
    throw new AppError(
      'KB_EMPTY',
      `The knowledge base has no articles: there is nothing to evaluate (${kbRoot}).`,
    );
  const errors = loaded.problems.filter((p) => p.severity === 'error').length;
  if (errors > 0)
    out.error(
      `note: the knowledge base has ${errors} error(s) (see frontdesk kb lint); ` +
        `evaluating the ${loaded.articles.length} article(s) that loaded, as the bot would serve them`,
    );
  const ids = new Set(loaded.articles.map((a) => `${a.lang}\u0000${a.id}`));
  checkCaseTargets(casesFile, cases, {
    languages: () => loaded.languages,
    article: (id, lang) => (ids.has(`${lang}\u0000${id}`) ? id : undefined),
  });

  const index = await KnowledgeBaseIndex.build(
    loaded,
    base.kbChooseThresholds ? { thresholds: { base } } : {},
  );
  const settings = effectiveSettings(base, loaded.settings);
  // With EMBEDDINGS_URL, the semantic engine (kb/embeddings/) as the server runs it.
  const semantic =
    base.embeddings && base.dataDir !== undefined
      ? semanticEngine({ embeddings: base.embeddings, dataDir: base.dataDir }, null)
      : null;
  let failures = 0;
  semantic?.onFailure(() => failures++);
  const choose = base.kbChooseThresholds ? chooseOptions(base, loaded.settings) : undefined;
  const prepared = semantic ? await semantic.prepare(index, choose) : false;
  if (semantic && !prepared)
    out.error(`note: the embedding server failed while embedding the articles: evaluating lexically`);
  const chosenFor = (lang: string) => (semantic ? semantic.chosen(index, lang) : index.chosen(lang));
  const result = await evaluate(
    semantic ? { match: (t, l, n) => semantic.match(index, t, l, n), stats: index.stats } : index,
    cases,
    settings,
    {
      settingsFor: (lang) =>
        effectiveSettings(
          base,
          loaded.settings,
          semantic ? semantic.chosenSettings(index, lang) : index.chosenSettings(lang),
        ),
    },
  );
  if (semantic)
    out.error(
      `note: semantic engine on (model ${semantic.model})${prepared ? '' : ' but not ready'}; ` +
        `${failures} failed call(s) to the embedding server fell back to lexical matching`,
    );
  semantic?.close();
  const chosen = loaded.languages
    .map((l) => [l, chosenFor(l)] as const)
    .filter(([, c]) => c !== undefined && loaded.settings.answerThreshold === undefined)
    .map(([l, c]) => `${l} ${c?.answerThreshold}`);
  const settingsNote =
    describeSettings(settings, loaded.settings) +
    (chosen.length > 0 ? `; chosen answer thresholds (cross-validation): ${chosen.join(', ')}` : '');
  for (const line of formatEvalReport(result, { casesFile, kbRoot, settingsNote })) out.line(line);
  if (options.json) out.line(evalJson(result));
  return 0;
}

function describeSettings(s: PolicySettings, fromKb: KbSettings): string {
  const from = (key: keyof KbSettings) =>
    fromKb[key] === undefined ? 'environment or default' : 'config.yml';
  return (
    `answer threshold ${s.answerThreshold} (${from('answerThreshold')}), ` +
    `clarify margin ${s.clarifyMargin} (${from('clarifyMargin')})`
  );
}
