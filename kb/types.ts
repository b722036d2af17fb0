/** One article of the knowledge base in one language. The same `id` in several languages links translations. */
export interface Article {
  readonly id: string;
  readonly lang: string;
  readonly title: string;
  /** Alternative phrasings; the title counts as one more. */
  readonly questions: readonly string[];
  /** Line of each question in the file, for the linter. */
  readonly questionLines: readonly number[];
  readonly titleLine: number;
  readonly idLine: number;
  /** The answer, as Markdown. */
  readonly body: string;
  readonly tags: readonly string[];
  readonly form: string | null;
  readonly formLine: number;
  readonly handoff: boolean;
  readonly file: string;
}

export type Severity = 'error' | 'warning';

/** A problem found in the content, always with the file and line it comes from. */
export interface KbProblem {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A ranked answer candidate with a confidence in [0, 1]. */
export interface Candidate {
  readonly articleId: string;
  readonly title: string;
  readonly confidence: number;
}

export function formatProblem(p: KbProblem): string {
  return `${p.file}:${p.line}: ${p.severity} ${p.code}: ${p.message}`;
}

/** An article the matcher proposes for a question, with its calibrated confidence. */
export interface KbCandidate {
  readonly articleId: string;
  readonly title: string;
  readonly confidence: number;
}
