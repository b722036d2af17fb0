/**
 * For the index test (mongo-store.test.ts, with MONGODB_URI): every query the store sent, as mongoose's
 * debug hook reports it, turned into a find that `explain()` can plan; and whether a plan scans a whole
 * collection. Pure: no server needed to check these two.
 */

/** One query the store ran: its collection, filter and the sort it asked for. */
export interface RanQuery {
  readonly collection: string;
  readonly method: string;
  readonly filter: Record<string, unknown>;
  readonly sort: Record<string, 1 | -1> | null;
}

/** The driver methods whose first argument is a filter that selects documents. */
const filtered = new Set([
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'countDocuments',
]);

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The query from one debug call `(collection, method, ...args)`, or null for an insert, an index, a count of all. */
export function ranQuery(collection: string, method: string, args: readonly unknown[]): RanQuery | null {
  if (!filtered.has(method)) return null;
  const filter = isRecord(args[0]) ? args[0] : {};
  const options = [...args].reverse().find((a, i) => i < args.length - 1 && isRecord(a) && 'sort' in a);
  const sort = isRecord(options) && isRecord(options['sort']) ? (options['sort'] as RanQuery['sort']) : null;
  return { collection, method, filter, sort };
}

/** A stable key for a query's shape (field names and operators, not values), to explain each shape once. */
export function queryShape(q: RanQuery): string {
  const shape = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(shape);
    if (isRecord(v) && !(v instanceof Date) && !(v instanceof RegExp))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]));
    return v instanceof RegExp ? 'regex' : typeof v;
  };
  return JSON.stringify([q.collection, shape(q.filter), q.sort]);
}

/** The stages of an explain() answer that read a whole collection (classic and slot-based plans). */
export function collectionScans(explain: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) {
      if (v['stage'] === 'COLLSCAN') found.push('COLLSCAN');
      for (const [k, x] of Object.entries(v)) if (k !== 'rejectedPlans') walk(x);
    }
  };
  walk(isRecord(explain) ? explain['queryPlanner'] : explain);
  return found;
}
