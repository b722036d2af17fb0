import type { SemanticEvidence } from './semantic-index.js';

/**
 * The calibrated combiner with the semantic engine on: a logistic model over the lexical matcher's
 * calibrated confidence (its logit: kb/calibration.ts's five signals already combined) and the two semantic
 * signals, z = bias + a·logit(lexical) + b·sem + c·semGap. Each embedding model has its own cosine scale, so
 * the coefficients are fitted for the knowledge base and the model at load (kb/embeddings/fit.ts); the
 * identity below (the lexical confidence unchanged) applies until then or when there are too few questions.
 */
export type SemanticCoefficients = readonly [bias: number, logitLexical: number, sem: number, semGap: number];

export const identityCoefficients: SemanticCoefficients = [0, 1, 0, 0];

export function semanticFeatures(lexical: number, e: SemanticEvidence): number[] {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, lexical));
  return [1, Math.log(p / (1 - p)), e.sem, e.semGap];
}

export function combine(lexical: number, e: SemanticEvidence, w: SemanticCoefficients): number {
  const x = semanticFeatures(lexical, e);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** One training sample: a candidate's lexical confidence and semantic evidence, and whether it was right. */
export interface CombinerSample {
  readonly lexical: number;
  readonly e: SemanticEvidence;
  readonly right: boolean;
  readonly weight: number;
}

/**
 * Weighted logistic regression by Newton's method (four coefficients: a few 4×4 solves), with a ridge
 * penalty on the distance to the identity, so a small knowledge base moves little from the lexical confidence.
 */
export function fitCombiner(samples: readonly CombinerSample[], iterations = 25): SemanticCoefficients {
  const dims = 4;
  const prior = identityCoefficients;
  let w = [...prior];
  const xs = samples.map((s) => semanticFeatures(s.lexical, s.e));
  const total = samples.reduce((sum, s) => sum + s.weight, 0) || 1;
  const lambda = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(dims).fill(0);
    const h = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    xs.forEach((x, i) => {
      const s = samples[i] as CombinerSample;
      let z = 0;
      for (let k = 0; k < dims; k++) z += (w[k] as number) * (x[k] as number);
      const p = 1 / (1 + Math.exp(-z));
      const a = s.weight / total;
      const err = (p - (s.right ? 1 : 0)) * a;
      const curv = p * (1 - p) * a;
      for (let k = 0; k < dims; k++) {
        g[k] = (g[k] as number) + err * (x[k] as number);
        const row = h[k] as number[];
        for (let l = 0; l < dims; l++)
          row[l] = (row[l] as number) + curv * (x[k] as number) * (x[l] as number);
      }
    });
    for (let k = 0; k < dims; k++) {
      g[k] = (g[k] as number) + lambda * ((w[k] as number) - (prior[k] as number));
      const row = h[k] as number[];
      row[k] = (row[k] as number) + lambda;
    }
    const step = solve(h, g);
    if (!step) break;
    w = w.map((v, k) => v - (step[k] as number));
    if (step.every((d) => Math.abs(d) < 1e-7)) break;
  }
  return [w[0] ?? 0, w[1] ?? 1, w[2] ?? 0, w[3] ?? 0];
}

/** Solves a·x = b by Gaussian elimination with partial pivoting (null when singular). */
function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r;
    const pivotRow = m[p] as number[];
    if (Math.abs(pivotRow[c] as number) < 1e-12) return null;
    [m[c], m[p]] = [pivotRow, m[c] as number[]];
    const row = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] as number) / (row[c] as number);
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}
