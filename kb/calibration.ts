/**
 * Turns the matcher's raw evidence for one candidate into a calibrated confidence: the probability that
 * answering with it is right. A logistic model over five signals, fitted once (`npm run bench:calibrate`)
 * on the labelled development cases in ../shared/datasets (CLINC150 validation and out-of-scope training
 * cases, BANKING77 dev) and the demo paraphrases; the fitted coefficients are below. Because the signals
 * are scale-free (probabilities, margins, cosine similarities), one threshold works across knowledge bases.
 */
export interface Evidence {
  /** The classifier's softmax probability of the candidate. */
  readonly p: number;
  /** p minus the best other article's p (negative for a runner-up). */
  readonly margin: number;
  /** Best cosine similarity between the question and one of the article's example questions. */
  readonly sim: number;
  /** sim minus the best similarity to any other article. */
  readonly simGap: number;
  /** lunr's BM25 evidence: share of the question's terms in the article × its score relative to the best hit. */
  readonly lex: number;
}

export type Coefficients = readonly [
  bias: number,
  logitP: number,
  margin: number,
  sim: number,
  simGap: number,
  lex: number,
];

/** Fitted by bench/calibrate.ts; see docs/ARCHITECTURE.md "Matching" for the figures. */
export const defaultCoefficients: Coefficients = [-0.271, 0.893, -0.547, -1.746, 2.671, 2.412];

const dims = 6;

export function evidenceVector(e: Evidence): number[] {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, e.p));
  return [1, Math.log(p / (1 - p)), e.margin, e.sim, e.simGap, e.lex];
}

export function calibrate(e: Evidence, w: Coefficients = defaultCoefficients): number {
  const x = evidenceVector(e);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** Fits the coefficients by weighted gradient descent on (evidence, was-right) pairs, with a little L2. */
export function fitCoefficients(
  samples: ReadonlyArray<{ e: Evidence; right: boolean; weight?: number }>,
  iterations = 3000,
): Coefficients {
  const w = new Array<number>(dims).fill(0);
  const xs = samples.map((s) => evidenceVector(s.e));
  const total = samples.reduce((sum, s) => sum + (s.weight ?? 1), 0) || 1;
  const lr = 0.5;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(dims).fill(0);
    xs.forEach((x, i) => {
      let z = 0;
      for (let k = 0; k < dims; k++) z += (w[k] as number) * (x[k] as number);
      const err = (1 / (1 + Math.exp(-z)) - (samples[i]?.right ? 1 : 0)) * (samples[i]?.weight ?? 1);
      for (let k = 0; k < dims; k++) g[k] = (g[k] as number) + err * (x[k] as number);
    });
    for (let k = 0; k < dims; k++)
      w[k] = (w[k] as number) - lr * ((g[k] as number) / total + (k > 0 ? 1e-4 * (w[k] as number) : 0));
  }
  return [w[0] ?? 0, w[1] ?? 0, w[2] ?? 0, w[3] ?? 0, w[4] ?? 0, w[5] ?? 0];
}
