import { NgramLanguageModel } from './ngram-model.js';
import { dominantScript } from './script.js';
import { scriptLanguage } from './codes.js';
import { requestedLanguage } from './switch.js';
import { udhrText } from './udhr.js';
import { chatCorpus, chatWords, lexiconHits } from './chat-corpus.js';

export interface Detection {
  /** The language to answer in: always one of the supported languages. */
  readonly lang: string;
  readonly confidence: number;
  /** Why: an explicit request, the script, the text model, or the prior (too little evidence). */
  readonly source: 'switch' | 'script' | 'model' | 'prior';
  /** Set when the text is confidently in a language the KB does not have (e.g. "de"). */
  readonly unsupported: string | null;
}

export interface DetectOptions {
  /** The conversation's language so far: a strong prior, a visitor does not switch on "ok". */
  readonly current?: string | null;
  /** Browser or channel locales, most preferred first: a weaker prior for a new conversation. */
  readonly hints?: readonly string[];
  /** Only an explicit request counts (inside a form): anything else reads as the prior, unmodelled. */
  readonly switchOnly?: boolean;
}

/** Log-odds added per word found in a language's chat lexicon (lang/chat-corpus.ts). */
const lexiconWeight = 4;
/** Messages of up to this many words use the lexicon. */
const maxLexiconWords = 4;

/** Languages modelled only to recognise them as unsupported. */
const others = ['de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'pl'];

/**
 * Language identification restricted to the KB's languages: explicit requests first, then the script
 * (Thai, Arabic), then a character n-gram model trained on the UDHR and the KB's own text, combined with
 * the conversation's language as a prior. Weak evidence (emoji, digits, "ok") keeps the prior.
 */
export class LanguageDetector {
  private constructor(
    private readonly supported: readonly string[],
    private readonly model: NgramLanguageModel,
    private readonly fallback: string,
  ) {}

  /** Gives a structured clone of a built detector (the model cache) its methods back. */
  static revive(clone: object): LanguageDetector {
    const d = Object.setPrototypeOf(clone, LanguageDetector.prototype) as LanguageDetector;
    NgramLanguageModel.revive(d.model);
    return d;
  }

  static build(
    supported: readonly string[],
    texts: Readonly<Record<string, readonly string[]>>,
    fallback: string,
  ): LanguageDetector {
    const corpora: Record<string, string[]> = {};
    for (const lang of [...supported, ...others.filter((l) => !supported.includes(l))]) {
      const udhr = udhrText(lang);
      const chat = chatCorpus[lang];
      const texts_ = [
        ...(udhr ? [udhr] : []),
        ...(chat ? [chat, chat, chat] : []),
        ...(supported.includes(lang) ? (texts[lang] ?? []) : []),
      ];
      if (texts_.length > 0) corpora[lang] = texts_;
    }
    const start = supported.includes(fallback) ? fallback : (supported[0] ?? fallback);
    return new LanguageDetector(supported, NgramLanguageModel.train(corpora), start);
  }

  get languages(): readonly string[] {
    return this.supported;
  }

  detect(text: string, o: DetectOptions = {}): Detection {
    const current = o.current && this.supported.includes(o.current) ? o.current : null;
    const hint = (o.hints ?? [])
      .map((h) => h.toLowerCase().split(/[-_]/)[0] ?? '')
      .find((h) => this.supported.includes(h));
    const prior = current ?? hint ?? this.fallback;
    const asked = requestedLanguage(text, this.supported);
    if (asked) return { lang: asked, confidence: 1, source: 'switch', unsupported: null };
    if (o.switchOnly) return { lang: prior, confidence: 0, source: 'prior', unsupported: null };

    const script = dominantScript(text);
    if (script === null) return { lang: prior, confidence: 0, source: 'prior', unsupported: null };
    const bound = scriptLanguage[script];
    if (bound) {
      return this.supported.includes(bound)
        ? { lang: bound, confidence: 1, source: 'script', unsupported: null }
        : { lang: prior, confidence: 0, source: 'prior', unsupported: bound };
    }
    const candidates = this.model.languages.filter((l) => !Object.values(scriptLanguage).includes(l));
    const { posterior, grams } = this.model.scores(text, candidates);
    // The prior: the conversation's language weighs as much as a few words of evidence; a hint less.
    const priorWeight = current ? 4 : hint ? 1.5 : 0;
    // Whole everyday words ("tere", "kiitos") are strong evidence in a short message; in a longer one the
    // n-grams carry enough, and a shared word ("no", "on") must not tip it.
    let hits = lexiconHits(text, candidates, maxLexiconWords);
    const words = chatWords(text).length;
    const known = this.supported.filter((l) => words > 0 && hits.get(l) === words);
    // Every word is everyday chat in exactly one language, or in the prior's: that language. Words that
    // several languages share ("ok", "super") say nothing.
    if (known.length > 0 && words <= maxLexiconWords) {
      const anchor = current ?? hint;
      const lang = anchor && known.includes(anchor) ? anchor : known.length === 1 ? known[0] : undefined;
      if (lang)
        return { lang, confidence: 0.9, source: lang === prior ? 'prior' : 'model', unsupported: null };
      hits = new Map();
    }
    const weighted = new Map(
      [...posterior].map(([l, p]) => [
        l,
        p * (l === prior ? Math.exp(priorWeight) : 1) * Math.exp(lexiconWeight * (hits.get(l) ?? 0)),
      ]),
    );
    const z = [...weighted.values()].reduce((s, v) => s + v, 0) || 1;
    let best = prior;
    let bestP = 0;
    for (const [l, v] of weighted) if (v / z > bestP) [best, bestP] = [l, v / z];
    if (!this.supported.includes(best)) {
      const letters = (text.match(/\p{L}/gu) ?? []).length;
      if (letters >= 12 && bestP >= 0.9)
        return { lang: prior, confidence: bestP, source: 'prior', unsupported: best };
      return { lang: prior, confidence: bestP, source: 'prior', unsupported: null };
    }
    if (grams < 4 && current) return { lang: current, confidence: bestP, source: 'prior', unsupported: null };
    return {
      lang: best,
      confidence: bestP,
      source: best === prior && bestP < 0.5 ? 'prior' : 'model',
      unsupported: null,
    };
  }
}
