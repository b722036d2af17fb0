#!/usr/bin/env node
// The `frontdesk` executable: runs one command and exits with its code.
import { holdYoungGeneration } from './young-generation.js';

// Before the modules load (hence cli.js imported below, not statically): see young-generation.ts.
if (process.argv[2] === 'serve') holdYoungGeneration();
const { runCli } = await import('./cli.js');

// `frontdesk kb ask … | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
