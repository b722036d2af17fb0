import path from 'node:path';
import { Bot, type BotDeps } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { KnowledgeBase } from '../../bot/ports.js';
import type { Store } from '../../store/ports.js';
import { LanguageDetector } from '../../lang/detector.js';
import { loadLocales } from '../../server/locales.js';
import { repoRoot } from './server.js';

export const noLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
export const defaultSettings = {
  answerThreshold: 0.25,
  clarifyMargin: 0.05,
  defaultLang: 'en',
  maxMessageLength: 2000,
};

/**
 * A Bot over `kb` and `store` with the default settings, the demo's locale strings and (unless `detect` is
 * false) language detection trained on the KB's texts.
 */
export async function testBot(
  kb: KnowledgeBase & { texts(): Record<string, string[]> },
  store: Store,
  options: { contentDir?: string; detect?: boolean; extra?: Partial<BotDeps> } = {},
): Promise<Bot> {
  const content = options.contentDir ?? path.join(repoRoot, 'content');
  return new Bot({
    store,
    kb,
    translator: await I18nTranslator.create(loadLocales(content), 'en'),
    settings: defaultSettings,
    log: noLog,
    ...(options.detect === false
      ? {}
      : { languages: LanguageDetector.build(kb.languages(), kb.texts(), 'en') }),
    ...options.extra,
  });
}
