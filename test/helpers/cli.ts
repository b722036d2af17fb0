import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../server/cli.js';
import { repoRoot } from './server.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRun {
  /** Variables on top of a clean environment (PATH and a temp HOME only). */
  readonly env?: Record<string, string>;
  /** Standard input; empty by default. */
  readonly input?: string;
}

/** The built executable, for the tests of what main.ts adds to runCli (process streams, exit codes). */
export const bin = path.join(repoRoot, 'dist', 'server', 'main.js');
/** What a command sees of the environment besides the variables a test gives. */
export const cleanEnv = { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir() }; // eslint-disable-line no-restricted-syntax

/**
 * `frontdesk ARGS` in this process: runCli with a clean environment (CONTENT_DIR the demo content unless
 * given), `input` on stdin, stdout and stderr captured, and the exit code it returns.
 */
export async function frontdesk(args: readonly string[], options: CliRun = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(
    args,
    { line: (text) => (stdout += `${text}\n`), error: (text) => (stderr += `${text}\n`) },
    {
      env: { ...cleanEnv, CONTENT_DIR: path.join(repoRoot, 'content'), ...options.env },
      stdin: Readable.from(options.input ? [options.input] : []),
      stdout: sink((text) => (stdout += text)),
      stderr: sink((text) => (stderr += text)),
    },
  );
  return { code, stdout, stderr };
}

/** `frontdesk ARGS` as a child process of the built executable, from the repository root. */
export function spawnFrontdesk(args: readonly string[], options: CliRun = {}): CliResult {
  if (!existsSync(bin)) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env: { ...cleanEnv, ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
