import i18next, { type i18n, type Resource } from 'i18next';
import type { Translator } from '../common/translator.js';

/** Bot strings through i18next (plurals, interpolation); a missing key falls back to the fallback language. */
export class I18nTranslator implements Translator {
  /** Strings without variables, as i18next resolved them: the resources never change for an instance. */
  private readonly plain = new Map<string, string>();

  private constructor(private readonly i18n: i18n) {}

  static async create(
    resources: Record<string, Record<string, unknown>>,
    fallbackLng: string,
  ): Promise<I18nTranslator> {
    const instance = i18next.createInstance();
    const resource: Resource = {};
    for (const [lang, strings] of Object.entries(resources)) resource[lang] = { translation: strings };
    await instance.init({
      resources: resource,
      lng: fallbackLng,
      fallbackLng,
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    return new I18nTranslator(instance);
  }

  t(key: string, lang: string, vars?: Record<string, string | number>): string {
    if (vars && Object.keys(vars).length > 0) return this.i18n.t(key, { lng: lang, ...vars });
    const id = `${lang}\u0000${key}`;
    let text = this.plain.get(id);
    if (text === undefined) {
      text = this.i18n.t(key, { lng: lang });
      if (this.plain.size < 10_000) this.plain.set(id, text);
    }
    return text;
  }
}
