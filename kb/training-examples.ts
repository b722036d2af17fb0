import type { Article } from './types.js';

/**
 * The share of an article's evidence its body may carry at most: its body sentences together weigh half as
 * much as its title and questions together (each sentence min(1, bodyShare × (1 + questions) / sentences)).
 * A sparse article (title + three questions) has more body sentences than phrasings; counted in full they
 * outvoted the phrasings and pulled paraphrases toward articles whose answers merely share words. Chosen on
 * the development paraphrases of the sparse KB (test/fixtures/paraphrases-*.jsonl, demo-paraphrases.jsonl),
 * against a fixed weight per sentence (0.15–1) and 0.25 and 1 here: a fixed 0.2 did as well there but also
 * down-weighted the one-sentence bodies of dense KBs (BANKING77 10-shot lost an answer); with a share, an
 * article with many phrasings keeps its body sentences at full weight.
 */
export const bodyShare = 0.5;

/** What a language's classifier is trained on. */
export interface TrainingExamples {
  readonly texts: readonly string[];
  /** The article (its index) of each text. */
  readonly labels: readonly number[];
  /** Each text's weight in training: 1 for a title or question, less for a body sentence. */
  readonly weights: readonly number[];
  /**
   * The indexes of the titles and questions: what the nearest-neighbour evidence compares a question with
   * (an answer's sentence is not a way of asking).
   */
  readonly phrasings: readonly number[];
}

export function trainingExamples(articles: readonly Article[]): TrainingExamples {
  const texts: string[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  const phrasings: number[] = [];
  articles.forEach((a, c) => {
    for (const q of [a.title, ...a.questions]) {
      phrasings.push(texts.length);
      texts.push(q);
      labels.push(c);
      weights.push(1);
    }
    const body = bodySentences(a.body);
    const weight = Math.min(1, (bodyShare * (1 + a.questions.length)) / Math.max(1, body.length));
    for (const s of body) {
      texts.push(s);
      labels.push(c);
      weights.push(weight);
    }
  });
  return { texts, labels, weights, phrasings };
}

/**
 * The answer's sentences, Markdown stripped: they teach the classifier the article's own vocabulary.
 * Sentences with a form value placeholder are left out (see answerWithoutTemplates in kb/text.ts).
 */
export function bodySentences(markdown: string): string[] {
  const plain = markdown
    .replace(/`{3}[\s\S]*?`{3}/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>|~]/g, ' ');
  return plain
    .split(/(?<=[.!?。؟])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.split(/\s+/).length >= 3 && !s.includes('{{'));
}
