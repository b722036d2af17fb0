import type { SparseVector } from './vectorizer.js';

/**
 * Nearest-neighbour evidence: the highest cosine similarity between a question and any training question
 * of each article, through an inverted index stored flat (CSR: one offsets array, one postings array).
 * A question far from every example is likely out of scope, whatever the classifier's softmax says.
 */
export class NeighbourIndex {
  private readonly offsets: Int32Array;
  private readonly examples: Int32Array;
  private readonly weights: Float32Array;
  /** Reused per query (queries are synchronous), so a question allocates no large buffer. */
  private readonly dots: Float64Array;

  /** Gives a structured clone of a NeighbourIndex (the model cache, a training worker) its methods back. */
  static revive(clone: object): NeighbourIndex {
    return Object.setPrototypeOf(clone, NeighbourIndex.prototype) as NeighbourIndex;
  }

  constructor(
    vectors: readonly SparseVector[],
    private readonly labels: Int32Array,
    private readonly classes: number,
    dims: number,
  ) {
    this.dots = new Float64Array(vectors.length);
    const counts = new Int32Array(dims + 1);
    for (const v of vectors) for (const j of v.idx) counts[j + 1] = (counts[j + 1] as number) + 1;
    for (let j = 0; j < dims; j++) counts[j + 1] = (counts[j + 1] as number) + (counts[j] as number);
    this.offsets = counts;
    const total = counts[dims] as number;
    this.examples = new Int32Array(total);
    this.weights = new Float32Array(total);
    const fill = counts.slice(0, dims);
    vectors.forEach((v, e) => {
      const norm = Math.sqrt(v.val.reduce((s, x) => s + x * x, 0)) || 1;
      for (let k = 0; k < v.idx.length; k++) {
        const j = v.idx[k] as number;
        const at = fill[j] as number;
        this.examples[at] = e;
        this.weights[at] = (v.val[k] as number) / norm;
        fill[j] = at + 1;
      }
    });
  }

  /** Per class, the best cosine similarity of `v` to one of its examples. */
  bestPerClass(v: SparseVector): Float64Array {
    const dots = this.dots.fill(0);
    const norm = Math.sqrt(v.val.reduce((s, x) => s + x * x, 0)) || 1;
    for (let k = 0; k < v.idx.length; k++) {
      const j = v.idx[k] as number;
      const q = (v.val[k] as number) / norm;
      const end = this.offsets[j + 1] as number;
      for (let p = this.offsets[j] as number; p < end; p++) {
        const e = this.examples[p] as number;
        dots[e] = (dots[e] as number) + q * (this.weights[p] as number);
      }
    }
    const best = new Float64Array(this.classes);
    for (let e = 0; e < dots.length; e++) {
      const c = this.labels[e] as number;
      if ((dots[e] as number) > (best[c] as number)) best[c] = dots[e] as number;
    }
    return best;
  }
}
