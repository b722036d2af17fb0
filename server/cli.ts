import path from 'node:path';
import { parseArgs } from 'node:util';
import { publicError } from '../common/errors.js';
import { loadConfig, processEnv, type Config } from './config.js';
import { processOutput, type Output } from './commands/output.js';
import { kbCacheDir } from './kb-cache-dir.js';
import { options, usage } from './cli-options.js';
import { runStoreCommand } from './cli-store-commands.js';
import type { CliStreams } from './cli-streams.js';
import { describeFailure, exitCodeFor } from './cli-errors.js';

export type { CliStreams } from './cli-streams.js';

// Each command imports what it uses when it runs (`kb ask` loads no web server, store or mail code).
const kbCommands = () => import('./commands/kb.js');

/** What a command reads besides its arguments, and the streams the chat uses: the process's, or a test's. */

const processStreams = (): CliStreams => ({
  env: processEnv(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});

/**
 * `--capacity -1` as `--capacity=-1`: parseArgs takes a value starting with a dash for an option, so a
 * negative number would be a parser error instead of the command's own listed problems.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const next = argv[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : '';
    const option = (options as Record<string, { type: string } | undefined>)[name];
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Runs one command; returns the exit code. Never calls process.exit itself (tests call it in-process). */
export async function runCli(
  argv: readonly string[],
  out: Output = processOutput,
  io: CliStreams = processStreams(),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options, allowPositionals: true, strict: true });
  } catch (err) {
    out.error(`${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    out.line(usage);
    return command === undefined && !values.help ? 2 : 0;
  }

  let config: Config;
  try {
    config = loadConfig(io.env);
  } catch (err) {
    const e = publicError(err);
    out.error([`${e.message}:`, ...e.details.map((d) => `  - ${d}`)].join('\n'));
    return 1;
  }
  const contentDir = values.content ? path.resolve(values.content) : config.contentDir;

  try {
    if (command === 'serve' && sub === undefined) return await serve(config, out, io.env);
    if (command === 'kb' && sub === 'lint' && rest.length === 0)
      return await (await kbCommands()).kbLint(contentDir, out, config);
    if (command === 'kb' && sub === 'ask' && rest.length === 0) {
      out.error('Give the question in quotes: frontdesk kb ask "where is my order"');
      return 2;
    }
    if (command === 'kb' && sub === 'ask')
      return await (
        await import('./commands/kb-ask.js')
      ).kbAsk(contentDir, rest.join(' '), values.lang, config, out, kbCacheDir(config));
    if (command === 'lang' && sub === 'eval' && rest.length === 0) {
      const langs = (values.langs ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
      if (!values.cases || langs.length === 0) {
        out.error(`lang eval needs --cases FILE.jsonl and --langs en,fi,...\n\n${usage}`);
        return 2;
      }
      const { langEval } = await import('./commands/lang-eval.js');
      return await langEval(
        {
          casesFile: path.resolve(values.cases),
          langs,
          contentDir,
          defaultLang: config.defaultLang,
          json: values.json,
        },
        out,
      );
    }
    if (command === 'kb' && sub === 'eval' && rest.length === 0) {
      if (!values.content || !values.cases) {
        out.error(`kb eval needs --content DIR and --cases FILE.jsonl\n\n${usage}`);
        return 2;
      }
      const casesFile = path.resolve(values.cases);
      const { kbEval } = await import('./commands/kb-eval.js');
      return await kbEval({ contentDir, casesFile, json: values.json }, config, out);
    }
    const done = await runStoreCommand({ command, sub, rest, values, config, contentDir, out, io });
    if (done !== null) return done;
    if (command === 'chat' && sub === undefined)
      return await chat({ ...config, contentDir }, values.json, values.lang, io);
  } catch (err) {
    out.error(describeFailure(err));
    return exitCodeFor(err);
  }
  out.error(`Unknown command: ${positionals.join(' ')}\n\n${usage}`);
  return 2;
}

async function serve(config: Config, out: Output, env: CliStreams['env']): Promise<number> {
  if (config.workers > 1) return (await import('./cluster.js')).serveCluster(config, out, env);
  const { createLogger } = await import('./logger.js');
  const { startFrontdesk } = await import('./frontdesk.js');
  const log = createLogger(config.logLevel);
  const app = await startFrontdesk(config, log);
  out.line(`Frontdesk is running at ${app.url} (press Ctrl+C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  return 0;
}

async function chat(
  config: Config,
  json: boolean,
  lang: string | undefined,
  io: CliStreams,
): Promise<number> {
  const { createLogger } = await import('./logger.js');
  const { createCore } = await import('./core.js');
  const { openEmbeddedStore } = await import('../store/embedded/sqlite-store.js');
  const { runTerminalChat } = await import('../channels/terminal/terminal-channel.js');
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, io.stderr);
  // The terminal's tickets are practice: never emailed, never sent to webhooks.
  const practice: Config = { ...config, webhooks: { ...config.webhooks, urls: [] } };
  const core = await createCore(practice, log, { store: openEmbeddedStore(':memory:'), mailer: null });
  await runTerminalChat(core.bot, io.stdin, io.stdout, { json, lang });
  await core.tickets.idle();
  await core.store.close();
  await core.kb.close();
  return 0;
}
