import type { Readable, Writable } from 'node:stream';

/** What a command reads and writes: the environment and the standard streams (tests pass their own). */
export interface CliStreams {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
}
