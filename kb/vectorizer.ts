import { featurize, type FeatureCounts } from './features.js';
import { GramTable } from '../lang/gram-table.js';

/** A sparse vector: feature indices and their values. */
export interface SparseVector {
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

/**
 * Weight of each feature group after its own L2 normalisation (w: words, b: bigrams, c: char n-grams,
 * p: word prefixes; 0.7 for p chosen on the sparse development paraphrases against 0.5, 0.85 and 1).
 */
export const groupWeights: Readonly<Record<string, number>> = { w: 1, b: 0.7, c: 1, p: 0.7 };

/**
 * Per-language overrides of `groupWeights`. Finnish and Estonian inflect and compound so much that a
 * paraphrase rarely repeats a word form, and stems miss consonant gradation ("vaihtaa" / "vaihdettua"):
 * character n-grams carry more of the evidence there (measured on paraphrases and the KB's own
 * cross-validated questions; English keeps the weights the calibration was fitted with). Finnish 2.5 (was
 * 1.5) chosen on the sparse KB's development paraphrases against 1, 1.75, 2, 3 and 4 (README #17 step 4).
 */
export const languageGroupWeights: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  fi: { c: 2.5 },
  et: { c: 1.5 },
};

/**
 * TF-IDF with sublinear term frequency, fitted on the training questions. Each feature group is
 * L2-normalised separately and weighted, so words and character n-grams count comparably.
 */
export class Vectorizer {
  private constructor(
    /** The feature names, each at its index (a compact table: a Map of ~20,000 strings costs ~4× more). */
    private readonly vocab: GramTable,
    private readonly idf: Float32Array,
    private readonly lang: string,
    /** The group letter's char code of each feature. */
    private readonly groupOf: Uint8Array,
  ) {
    this.weights = { ...groupWeights, ...languageGroupWeights[lang] };
  }

  private readonly weights: Readonly<Record<string, number>>;

  /** Gives a structured clone of a Vectorizer (the model cache, a training worker) its methods back. */
  static revive(clone: object): Vectorizer {
    const v = Object.setPrototypeOf(clone, Vectorizer.prototype) as Vectorizer;
    GramTable.revive(v.vocab);
    return v;
  }

  get size(): number {
    return this.vocab.size;
  }

  static fit(texts: readonly string[], lang: string): { vectorizer: Vectorizer; vectors: SparseVector[] } {
    // One pass: intern feature names as they appear and keep each text as compact (id, count) arrays,
    // so a 15,000-question KB does not hold 15,000 string maps at once.
    const vocab = new Map<string, number>();
    const df: number[] = [];
    const docs = texts.map((t) => {
      const counts = featurize(t, lang);
      const ids = new Int32Array(counts.size);
      const tfs = new Float32Array(counts.size);
      let k = 0;
      for (const [key, tf] of counts) {
        let j = vocab.get(key);
        if (j === undefined) {
          j = vocab.size;
          vocab.set(key, j);
          df.push(0);
        }
        df[j] = (df[j] ?? 0) + 1;
        ids[k] = j;
        tfs[k++] = tf;
      }
      return { ids, tfs };
    });
    const idf = Float32Array.from(df, (d) => Math.log((1 + texts.length) / (1 + d)) + 1);
    const groupOf = new Uint8Array(vocab.size);
    for (const [key, j] of vocab) groupOf[j] = key.charCodeAt(0);
    const vectorizer = new Vectorizer(GramTable.build(vocab.keys()), idf, lang, groupOf);
    return { vectorizer, vectors: docs.map((d) => vectorizer.weigh(d.ids, d.tfs)) };
  }

  /** Only the features of the given groups (e.g. "wb": words and bigrams), values unchanged. */
  only(v: SparseVector, groups: string): SparseVector {
    const codes = new Set([...groups].map((g) => g.charCodeAt(0)));
    const keep: number[] = [];
    for (let k = 0; k < v.idx.length; k++)
      if (codes.has(this.groupOf[v.idx[k] as number] as number)) keep.push(k);
    return {
      idx: Int32Array.from(keep, (k) => v.idx[k] as number),
      val: Float32Array.from(keep, (k) => v.val[k] as number),
    };
  }

  transform(text: string): SparseVector {
    return this.fromCounts(featurize(text, this.lang));
  }

  private fromCounts(features: FeatureCounts): SparseVector {
    const ids: number[] = [];
    const tfs: number[] = [];
    for (const [key, tf] of features) {
      const j = this.vocab.indexOf(key);
      if (j < 0) continue;
      ids.push(j);
      tfs.push(tf);
    }
    return this.weigh(Int32Array.from(ids), Float32Array.from(tfs));
  }

  /** Sublinear TF-IDF, each feature group L2-normalised and weighted. */
  private weigh(ids: Int32Array, tfs: Float32Array): SparseVector {
    const val = new Float32Array(ids.length);
    const norms = new Map<number, number>();
    for (let k = 0; k < ids.length; k++) {
      const j = ids[k] as number;
      const v = (1 + Math.log(tfs[k] as number)) * (this.idf[j] ?? 1);
      val[k] = v;
      const g = this.groupOf[j] as number;
      norms.set(g, (norms.get(g) ?? 0) + v * v);
    }
    for (let k = 0; k < ids.length; k++) {
      const g = this.groupOf[ids[k] as number] as number;
      const weight = this.weights[String.fromCharCode(g)] ?? 1;
      val[k] = (weight * (val[k] as number)) / (Math.sqrt(norms.get(g) ?? 1) || 1);
    }
    return { idx: ids, val };
  }
}
