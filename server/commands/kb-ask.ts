import { trainKb } from '../../kb/model-cache.js';
import { decide, effectiveSettings, matchLimit, type PolicySettings } from '../../kb/policy.js';
import { pickLanguage } from '../../bot/steps/detect-language.js';
import type { Output } from './output.js';

/**
 * `frontdesk kb ask`: the top candidates with their confidence, and what the bot would do with the
 * settings in force (the KB's `config.yml` over the process configuration `settings`). With `cacheDir`
 * the trained model comes from the model cache when the content is unchanged (kb/model-cache.ts).
 */
export async function kbAsk(
  contentDir: string,
  question: string,
  lang: string | undefined,
  settings: PolicySettings & { defaultLang: string; readonly kbChooseThresholds?: boolean },
  out: Output,
  cacheDir: string | null = null,
): Promise<number> {
  const { loaded, index: kb } = await trainKb(
    contentDir,
    cacheDir,
    settings.kbChooseThresholds ? { thresholds: { base: settings } } : {},
  );
  const language = lang ?? pickLanguage(kb.languages(), [], settings.defaultLang);
  if (!kb.languages().includes(language)) {
    out.error(
      `The knowledge base has no articles in "${language}" (it has: ${kb.languages().join(', ') || 'none'}).`,
    );
    return 2;
  }
  const candidates = await kb.match(question, language, matchLimit);
  if (candidates.length === 0) out.line('(no candidate)');
  candidates.forEach((c, i) => out.line(`${i + 1}. ${c.confidence.toFixed(3)}  ${c.articleId}  ${c.title}`));
  const policy = effectiveSettings(settings, loaded.settings, kb.chosenSettings(language));
  const d = decide(candidates, policy);
  const verdict =
    d.kind === 'answer'
      ? `answer with "${d.candidate.articleId}"`
      : d.kind === 'offer'
        ? `offer ${d.options.map((o) => `"${o.articleId}"`).join(', ')} and "None of these"`
        : 'not answer (low confidence): ask to rephrase and log it as unresolved';
  out.line(`decision (threshold ${policy.answerThreshold}, margin ${policy.clarifyMargin}): ${verdict}`);
  return 0;
}
