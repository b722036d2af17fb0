import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A TOY embedding server for tests (no real model is available offline): the OpenAI-compatible
 * `POST /v1/embeddings` over real HTTP on port 0, answering deterministic bag-of-words hashing embeddings.
 * Words are lower-cased, a trailing "s" dropped, stopwords skipped, and a small table of generic support
 * synonyms (written without looking at any evaluation set) maps paraphrases to one concept, so that
 * "I can't recall my credentials" lands near "I forgot my password" although no word is shared.
 */
export const toyDims = 128;

const synonyms: Record<string, string> = {
  passcode: 'password',
  passphrase: 'password',
  pin: 'password',
  credential: 'password',
  login: 'password',
  recall: 'forgot',
  remember: 'forgot',
  forget: 'forgot',
  forgotten: 'forgot',
  lost: 'forgot',
  purchase: 'order',
  parcel: 'order',
  package: 'order',
  shipment: 'order',
  consignment: 'order',
  reimbursement: 'refund',
  repayment: 'refund',
  reimburse: 'refund',
  compensation: 'refund',
  terminate: 'cancel',
  abort: 'cancel',
  revoke: 'cancel',
  profile: 'account',
  membership: 'account',
  mail: 'email',
  inbox: 'email',
  'e-mail': 'email',
  cost: 'price',
  fee: 'price',
  charge: 'price',
  pricing: 'price',
  expensive: 'price',
  modify: 'change',
  alter: 'change',
  edit: 'change',
  amend: 'change',
  update: 'change',
  assistance: 'help',
  support: 'help',
  human: 'agent',
  person: 'agent',
  representative: 'agent',
  operator: 'agent',
  staff: 'agent',
  erase: 'delete',
  remove: 'delete',
  wipe: 'delete',
  dispatch: 'ship',
  send: 'ship',
  shipping: 'ship',
  delivery: 'ship',
  deliver: 'ship',
  damaged: 'broken',
  defective: 'broken',
  faulty: 'broken',
  cracked: 'broken',
  reach: 'contact',
  phone: 'contact',
  call: 'contact',
  telephone: 'contact',
  whereabouts: 'track',
  locate: 'track',
  tracking: 'track',

  voucher: 'discount',
  coupon: 'discount',
  promo: 'discount',
  guarantee: 'warranty',
  warrantee: 'warranty',
};

const stopwords = new Set(
  'a an the i my me you your we our is are am was be to of for on in at it this that do does did can could how what when why which will would with and or not no dont cant please'.split(
    ' ',
  ),
);

/** The toy embedding of a text: hashed concept counts, then a small constant so no vector is zero. */
export function toyEmbedding(text: string, dims = toyDims): number[] {
  const v = new Array<number>(dims).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? [];
  for (const raw of words) {
    const w = raw.replace(/'/g, '');
    if (stopwords.has(w)) continue;
    const base = w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w;
    const concept = synonyms[base] ?? synonyms[w] ?? base;
    const h = createHash('sha256').update(concept).digest();
    v[h.readUInt16BE(0) % dims] = (v[h.readUInt16BE(0) % dims] as number) + ((h[2] ?? 0) & 1 ? 1 : -1);
  }
  v[0] = (v[0] as number) + 0.05;
  return v;
}

/** What the toy server does with the next requests. */
export type ToyMode = 'ok' | 'slow' | 'http-error' | 'shape' | 'dims' | 'infinite' | 'count' | 'not-json';

export interface ToyEmbeddingsServer {
  readonly url: string;
  /** Every request's inputs, in order. */
  readonly requests: string[][];
  /** Bearer tokens seen. */
  readonly tokens: Array<string | undefined>;
  mode: ToyMode;
  /** How long a 'slow' answer takes. */
  delayMs: number;
  /** Slow answers not sent yet. */
  readonly pendingAnswers: number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startToyEmbeddingsServer(): Promise<ToyEmbeddingsServer> {
  const state: { mode: ToyMode; delayMs: number } = { mode: 'ok', delayMs: 2000 };
  const requests: string[][] = [];
  const tokens: Array<string | undefined> = [];
  const pending = new Set<NodeJS.Timeout>();
  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      res.writeHead(404);
      res.end();
      return;
    }
    const parsed = JSON.parse(await body(req)) as { model?: string; input?: string | string[] };
    const inputs = typeof parsed.input === 'string' ? [parsed.input] : (parsed.input ?? []);
    requests.push(inputs);
    tokens.push(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]);
    const mode = state.mode;
    if (mode === 'http-error') {
      res.writeHead(500);
      return void res.end('{"error":"model not loaded"}');
    }
    if (mode === 'not-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"data":[');
    }
    if (mode === 'shape') return void json(res, { embeddings: inputs.map((t) => toyEmbedding(t)) });
    if (mode === 'count') return void json(res, { data: [] });
    const data = inputs.map((t, index) => ({
      object: 'embedding',
      index,
      embedding: mode === 'dims' ? toyEmbedding(t, 16) : toyEmbedding(t),
    }));
    const reply = {
      object: 'list',
      data,
      model: parsed.model ?? '',
      usage: { prompt_tokens: 0, total_tokens: 0 },
    };
    if (mode === 'infinite') {
      // 1e999 is valid JSON that parses to Infinity (NaN cannot be written in JSON).
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(reply).replace(/"embedding":\[[^,\]]+/g, '"embedding":[1e999'));
    }
    if (mode === 'slow') {
      const t = setTimeout(() => {
        pending.delete(t);
        json(res, reply);
      }, state.delayMs);
      pending.add(t);
      return;
    }
    json(res, reply);
  };
  const server: Server = createServer((req, res) => {
    answer(req, res).catch(() => {
      // restify (loaded with Teams) patches http's writeHead to return nothing: never chain on it.
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    tokens,
    get mode() {
      return state.mode;
    },
    set mode(m: ToyMode) {
      state.mode = m;
    },
    get pendingAnswers() {
      return pending.size;
    },
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(ms: number) {
      state.delayMs = ms;
    },
    async close() {
      for (const t of pending) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
