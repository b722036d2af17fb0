/** Strings in a conversation's language (i18next behind it, server/locales + bot/i18n). */
export interface Translator {
  t(key: string, lang: string, vars?: Record<string, string | number>): string;
}
