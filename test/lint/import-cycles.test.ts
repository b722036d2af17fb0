import { describe, expect, it } from '@jest/globals';
// @ts-expect-error: a plain .mjs script without type declarations
import { findCycles } from '../../scripts/check-import-cycles.mjs';

const graph = (files: Record<string, string>) =>
  (findCycles as (f: string[], read: (f: string) => string) => string[][])(
    Object.keys(files),
    (f) => files[f] ?? '',
  );

describe('the import-cycle check of npm run lint', () => {
  it('finds a cycle of type-only imports across folders, and names every file in it', () => {
    expect(
      graph({
        'bot/ports.ts': "import type { A } from '../handoff/ports.js';",
        'handoff/ports.ts': "import type { B } from '../bot/policy.js';",
        'bot/policy.ts': "import type { C } from './ports.js';\nimport { x } from 'zod';",
        'kb/ok.ts': "import { y } from '../bot/ports.js';",
      }),
    ).toEqual([['bot/policy.ts', 'bot/ports.ts', 'handoff/ports.ts']]);
  });

  it('passes a graph without cycles, re-exports and multi-line imports included', () => {
    expect(
      graph({
        'a.ts': "import {\n  b,\n  c,\n} from './b.js';\nexport { d } from './d/index.js';",
        'b.ts': "import type { d } from './d/index.js';",
        'd/index.ts': 'export const d = 1;',
      }),
    ).toEqual([]);
    expect(graph({ 'a.ts': "export * from './b.js';", 'b.ts': "export { a } from './a.js';" })).toHaveLength(
      1,
    );
  });
});
