import type { SparseVector } from './vectorizer.js';

/** A small deterministic PRNG (mulberry32), so training — and so every figure — is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SoftmaxOptions {
  /** Passes over the data; default scales down with the data size (more for few-shot KBs). */
  readonly epochs?: number;
  readonly learningRate?: number;
  /** Gradients smaller than this are skipped: after the first pass most classes have ~0 probability. */
  readonly skip?: number;
  readonly seed?: number;
  /** Per-example weights (default 1): an example's gradient is scaled by its weight. */
  readonly weights?: ArrayLike<number>;
}

/**
 * Multinomial logistic regression over sparse TF-IDF vectors, trained by SGD. Weights are laid out
 * feature-major (`W[feature * classes + class]`) so one feature's class weights are contiguous.
 */
export class SoftmaxModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly classes: number,
  ) {}

  /** Gives a structured clone of a SoftmaxModel (the model cache, a training worker) its methods back. */
  static revive(clone: object): SoftmaxModel {
    return Object.setPrototypeOf(clone, SoftmaxModel.prototype) as SoftmaxModel;
  }

  static train(
    x: readonly SparseVector[],
    y: readonly number[],
    classes: number,
    dims: number,
    o: SoftmaxOptions = {},
  ): SoftmaxModel {
    const n = x.length;
    const epochs = o.epochs ?? Math.min(40, Math.max(6, Math.round(100_000 / Math.max(1, n))));
    const lr0 = o.learningRate ?? 1;
    const skip = o.skip ?? 0.002;
    const random = seededRandom(o.seed ?? 42);
    const W = new Float32Array(dims * classes);
    const b = new Float32Array(classes);
    const scores = new Float64Array(classes);
    const active = new Int32Array(classes);
    const grad = new Float64Array(classes);
    const order = Array.from({ length: n }, (_, i) => i);
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      for (const i of order) {
        const lr = lr0 / (1 + 1e-5 * step++);
        const v = x[i] as SparseVector;
        const wi = o.weights?.[i] ?? 1;
        forward(W, b, v, classes, scores);
        let m = 0;
        for (let c = 0; c < classes; c++) {
          const g = ((scores[c] as number) - (c === y[i] ? 1 : 0)) * wi;
          if (g > skip || g < -skip) {
            active[m] = c;
            grad[m++] = g;
          }
        }
        for (let k = 0; k < v.idx.length; k++) {
          const base = (v.idx[k] as number) * classes;
          const scale = (v.val[k] as number) * lr;
          for (let a = 0; a < m; a++) {
            const w = base + (active[a] as number);
            W[w] = (W[w] as number) - (grad[a] as number) * scale;
          }
        }
        for (let a = 0; a < m; a++) {
          const c = active[a] as number;
          b[c] = (b[c] as number) - lr * (grad[a] as number);
        }
      }
    }
    return new SoftmaxModel(W, b, classes);
  }

  /** Class probabilities (sum to 1). */
  predict(v: SparseVector): Float64Array {
    const out = new Float64Array(this.classes);
    forward(this.weights, this.bias, v, this.classes, out);
    return out;
  }
}

function forward(
  W: Float32Array,
  b: Float32Array,
  v: SparseVector,
  classes: number,
  out: Float64Array,
): void {
  for (let c = 0; c < classes; c++) out[c] = b[c] as number;
  for (let k = 0; k < v.idx.length; k++) {
    const base = (v.idx[k] as number) * classes;
    const value = v.val[k] as number;
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + (W[base + c] as number) * value;
  }
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if ((out[c] as number) > max) max = out[c] as number;
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    out[c] = Math.exp((out[c] as number) - max);
    sum += out[c] as number;
  }
  for (let c = 0; c < classes; c++) out[c] = (out[c] as number) / sum;
}
