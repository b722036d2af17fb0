import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';

/** The article front matter schema; unknown keys are reported as warnings by the parser. */
export const frontMatterSchema = z.object({
  id: z
    .string({ error: 'id is required' })
    .regex(
      /^[^\s/\\\p{C}]{1,128}$/u,
      'id must be 1–128 characters without spaces, slashes or control characters',
    ),
  title: z.string({ error: 'title is required' }).trim().min(1, 'title must not be empty'),
  questions: z.array(z.string().trim().min(1, 'a question must not be empty')).default([]),
  tags: z.array(z.string().trim().min(1)).default([]),
  form: z.string().trim().min(1).optional(),
  handoff: z.boolean().default(false),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export const knownKeys = new Set(Object.keys(frontMatterSchema.shape));

/** Aliases a YAML file may expand (yaml's default): front matter and forms need none or a few. */
const maxYamlAliases = 100;

export interface ParsedYaml {
  readonly doc: Document;
  readonly errors: ReadonlyArray<{ line: number; message: string }>;
  /**
   * The document as plain data; undefined when there are errors. An alias that points nowhere, or more
   * aliases than `maxAliasCount` (a "billion laughs" bomb), is one of the errors, not an exception.
   */
  readonly value: unknown;
  /** File line of a node at `path`, or of the front matter's first line when it is absent. */
  lineOf(path: ReadonlyArray<string | number>): number;
}

/**
 * Parses YAML that starts on `firstLine` of its file (the line after the opening `---`), keeping a way
 * to map any node back to a file line.
 */
export function parseYaml(source: string, firstLine: number): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors = doc.errors.map((e) => ({
    line: firstLine + lineCounter.linePos(e.pos[0]).line - 1,
    message: e.message.split('\n')[0] ?? e.message,
  }));
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: maxYamlAliases });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push({ line: firstLine, message: message.split('\n')[0] ?? message });
    }
  }
  const lineOf = (path: ReadonlyArray<string | number>): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return firstLine + lineCounter.linePos(node.range[0]).line - 1;
    }
    return Math.max(1, firstLine - 1);
  };
  return { doc, errors, value, lineOf };
}
