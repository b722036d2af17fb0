import { z } from 'zod';

/** Why a call to the embedding server failed: the label of `frontdesk_embeddings_failures_total`. */
export type EmbeddingsFailureReason = 'timeout' | 'unreachable' | 'http' | 'invalid';

/** A failed call to the embedding server. Only logged and counted: the matcher falls back to lexical. */
export class EmbeddingsFailure extends Error {
  constructor(
    readonly reason: EmbeddingsFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'EmbeddingsFailure';
  }
}

/** Texts → unit vectors, one per text, in order (the port the semantic engine uses). */
export interface Embedder {
  /** Names the vectors (the cache keys on it): the model. */
  readonly model: string;
  embed(texts: readonly string[], timeoutMs: number): Promise<Float32Array[]>;
}

export interface HttpEmbedderOptions {
  /** The server's base (`http://127.0.0.1:11434`), its `/v1`, or the full `/v1/embeddings` URL. */
  readonly url: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
}

/** The OpenAI-compatible answer: `{ data: [{ embedding, index }], model?, usage? }`. */
const responseSchema = z.object({
  data: z.array(
    z.object({
      embedding: z.array(z.number()).min(1).max(65536),
      index: z.number().int().min(0).optional(),
    }),
  ),
});

/** The endpoint of a base URL as EMBEDDINGS_URL may give it. */
export function embeddingsEndpoint(url: string): string {
  const u = url.replace(/\/+$/, '');
  if (u.endsWith('/embeddings')) return u;
  return u.endsWith('/v1') ? `${u}/embeddings` : `${u}/v1/embeddings`;
}

/**
 * A client of the OpenAI-compatible `POST /v1/embeddings` API (Ollama, llama.cpp's server, Hugging Face
 * TEI, LocalAI, vLLM). Every answer is validated: a wrong shape, a count or order that does not match the
 * input, a dimension other than the first answer's, a non-finite or all-zero vector are all failures
 * (`EmbeddingsFailure`), never a crash. Vectors come back normalised to unit length.
 */
export class HttpEmbedder implements Embedder {
  private readonly endpoint: string;
  /** The dimension of the first valid answer; every later one must match it. */
  private dims: number | null = null;

  constructor(private readonly options: HttpEmbedderOptions) {
    this.endpoint = embeddingsEndpoint(options.url);
  }

  get model(): string {
    return this.options.model;
  }

  async embed(texts: readonly string[], timeoutMs: number): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let body: unknown;
    const signal = AbortSignal.timeout(timeoutMs);
    const request = () =>
      fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: this.options.model, input: texts }),
        signal,
      });
    try {
      // A kept-alive connection the server closed meanwhile fails at once: one more try on a new one.
      const res = await request().catch((err: unknown) => {
        if (signal.aborted || !closedSocket(err)) throw err;
        return request();
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new EmbeddingsFailure('http', `the embedding server answered HTTP ${res.status}`);
      }
      body = await res.json();
    } catch (err) {
      if (err instanceof EmbeddingsFailure) throw err;
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new EmbeddingsFailure('timeout', `no answer from the embedding server within ${timeoutMs} ms`);
      if ((err as Error).name === 'SyntaxError')
        throw new EmbeddingsFailure('invalid', 'the embedding server did not answer JSON');
      throw new EmbeddingsFailure(
        'unreachable',
        `the embedding server is unreachable (${(err as Error).message})`,
      );
    }
    return this.vectorsOf(body, texts.length);
  }

  private vectorsOf(body: unknown, count: number): Float32Array[] {
    const parsed = responseSchema.safeParse(body);
    if (!parsed.success)
      throw new EmbeddingsFailure(
        'invalid',
        `unexpected answer shape: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    const data = parsed.data.data;
    if (data.length !== count)
      throw new EmbeddingsFailure('invalid', `${data.length} embeddings for ${count} inputs`);
    const out = new Array<Float32Array | undefined>(count);
    data.forEach((d, i) => {
      const at = d.index ?? i;
      if (at >= count || out[at]) throw new EmbeddingsFailure('invalid', `bad or repeated index ${at}`);
      out[at] = unit(d.embedding);
    });
    const dims = out[0]?.length ?? 0;
    this.dims ??= dims;
    if (out.some((v) => v?.length !== this.dims))
      throw new EmbeddingsFailure(
        'invalid',
        `embeddings of ${dims} dimensions where ${this.dims} were expected`,
      );
    return out as Float32Array[];
  }
}

function closedSocket(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

/** The vector scaled to length 1; a non-finite or zero vector is a failure. */
export function unit(values: readonly number[]): Float32Array {
  let sq = 0;
  for (const x of values) {
    if (!Number.isFinite(x)) throw new EmbeddingsFailure('invalid', 'an embedding holds a non-finite number');
    sq += x * x;
  }
  const norm = Math.sqrt(sq);
  if (!(norm > 0) || !Number.isFinite(norm))
    throw new EmbeddingsFailure('invalid', 'an embedding has no length');
  return Float32Array.from(values, (x) => x / norm);
}
