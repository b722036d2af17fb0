import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AppError, publicError, type ErrorId } from '../common/errors.js';
import { openEmbeddedStore } from '../store/embedded/sqlite-store.js';
import { runTerminalChat } from '../channels/terminal/terminal-channel.js';
import { loadConfig, processEnv, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createCore, reviewService, startFrontdesk } from './frontdesk.js';
import { LiveKnowledgeBase } from '../kb/live-kb.js';
import { reviewAdd, reviewDismiss, reviewList } from './commands/review.js';
import { kbAsk, kbLint } from './commands/kb.js';
import { kbEval } from './commands/kb-eval.js';
import { langEval } from './commands/lang-eval.js';
import { processOutput, type Output } from './commands/output.js';
import { agentsAdd, agentsDisable, agentsList, readPassword } from './commands/agents.js';
import { apiKeysCreate, apiKeysList, apiKeysRevoke } from './commands/api-keys.js';
import { visitorsErase, visitorsExport } from './commands/visitors.js';
import { openStore } from '../store/open-store.js';
import { teamsManifestCommand } from './commands/teams.js';
import { kbLanguageDirs } from '../kb/load.js';

const usage = `Usage:
  frontdesk serve                                   start the server (= npm start)
  frontdesk kb lint [--content DIR]                 check the knowledge base
  frontdesk kb ask "question" [--lang xx] [--content DIR]
  frontdesk kb eval --content DIR --cases FILE.jsonl [--json]
  frontdesk lang eval --cases FILE.jsonl --langs en,fi,... [--content DIR] [--json]
  frontdesk chat [--content DIR] [--lang xx] [--json]
  frontdesk agents add --email E --name N --languages fi,en [--skills billing] [--role agent|admin] [--capacity 3]
                                                    (the password is read from stdin, or asked for)
  frontdesk agents list
  frontdesk agents disable --email E                sign the agent out everywhere and refuse their sign-in
  frontdesk apikeys create --name N | list | revoke --id ID     keys for the REST API (/api)
  frontdesk teams manifest --app-id GUID [--name N] [--website https://…] [--out frontdesk-teams.zip]
                                                    the Teams app package to sideload
  frontdesk visitors export --visitor V [--out FILE]  a visitor's data as one JSON document (V: email,
                                                    conversation id or ticket number)
  frontdesk visitors erase --visitor V --yes        delete a visitor's data everywhere (recorded, not what)
  frontdesk review list [--lang xx] [--sort newest|frequent] [--json]   questions the bot could not answer
  frontdesk review add --group ID --article ARTICLE_ID [--question "..."]   file a group under an article
  frontdesk review dismiss --group ID
Settings come from the environment (see the README's configuration table).`;

const options = {
  content: { type: 'string' },
  cases: { type: 'string' },
  lang: { type: 'string' },
  langs: { type: 'string' },
  json: { type: 'boolean', default: false },
  email: { type: 'string' },
  name: { type: 'string' },
  languages: { type: 'string' },
  skills: { type: 'string' },
  role: { type: 'string' },
  capacity: { type: 'string' },
  id: { type: 'string' },
  'app-id': { type: 'string' },
  website: { type: 'string' },
  out: { type: 'string' },
  visitor: { type: 'string' },
  yes: { type: 'boolean', default: false },
  group: { type: 'string' },
  article: { type: 'string' },
  question: { type: 'string' },
  sort: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Errors about what the user gave (folders, files, cases): exit 2 like a usage error. */
const inputErrors: ReadonlySet<ErrorId> = new Set([
  'CONTENT_DIR_MISSING',
  'CASES_INVALID',
  'KB_EMPTY',
  'USAGE',
]);

/** What a command reads besides its arguments, and the streams the chat uses: the process's, or a test's. */
export interface CliStreams {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable;
}

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
    if (command === 'serve' && sub === undefined) return await serve(config, out);
    if (command === 'kb' && sub === 'lint' && rest.length === 0) return await kbLint(contentDir, out, config);
    if (command === 'kb' && sub === 'ask' && rest.length === 0) {
      out.error('Give the question in quotes: frontdesk kb ask "where is my order"');
      return 2;
    }
    if (command === 'kb' && sub === 'ask')
      return await kbAsk(contentDir, rest.join(' '), values.lang, config, out);
    if (command === 'lang' && sub === 'eval' && rest.length === 0) {
      const langs = (values.langs ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean);
      if (!values.cases || langs.length === 0) {
        out.error(`lang eval needs --cases FILE.jsonl and --langs en,fi,...\n\n${usage}`);
        return 2;
      }
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
      return await kbEval({ contentDir, casesFile, json: values.json }, config, out);
    }
    if (command === 'agents' && (sub === 'add' || sub === 'list' || sub === 'disable') && rest.length === 0) {
      const store = await openStore(config);
      try {
        if (sub === 'list') return await agentsList(store.agents, out);
        if (sub === 'disable') return await agentsDisable(store.agents, values.email, out);
        const { email, name, languages, skills, role, capacity } = values;
        const flags = Object.fromEntries(
          Object.entries({ email, name, languages, skills, role, capacity }).filter(
            ([, v]) => v !== undefined,
          ),
        );
        return await agentsAdd(
          store.agents,
          flags,
          () => readPassword(io.stdin, out),
          out,
          kbLanguageDirs(contentDir),
        );
      } finally {
        await store.close();
      }
    }
    if (
      command === 'apikeys' &&
      (sub === 'create' || sub === 'list' || sub === 'revoke') &&
      rest.length === 0
    ) {
      const store = await openStore(config);
      try {
        if (sub === 'create') return await apiKeysCreate(store.apiKeys, values.name, out);
        if (sub === 'revoke') return await apiKeysRevoke(store.apiKeys, values.id, out);
        return await apiKeysList(store.apiKeys, out);
      } finally {
        await store.close();
      }
    }
    if (command === 'teams' && sub === 'manifest' && rest.length === 0)
      return teamsManifestCommand(
        { appId: values['app-id'], name: values.name, website: values.website, out: values.out },
        { appId: config.teams?.app?.id, publicUrl: config.publicUrl },
        out,
      );
    if (command === 'visitors' && (sub === 'export' || sub === 'erase') && rest.length === 0) {
      const store = await openStore(config);
      try {
        const deps = { privacy: store.privacy, conversations: store.conversations, tickets: store.tickets };
        if (sub === 'export')
          return await visitorsExport(
            deps,
            values.visitor,
            values.out ? path.resolve(values.out) : undefined,
            out,
          );
        return await visitorsErase(deps, values.visitor, values.yes, out);
      } finally {
        await store.close();
      }
    }
    if (command === 'review' && (sub === 'list' || sub === 'add' || sub === 'dismiss') && rest.length === 0) {
      if (values.sort !== undefined && values.sort !== 'newest' && values.sort !== 'frequent') {
        out.error(`--sort is newest or frequent\n\n${usage}`);
        return 2;
      }
      const store = await openStore(config);
      const kb = await LiveKnowledgeBase.open(config.contentDir);
      try {
        const review = reviewService(config, store, kb);
        if (sub === 'list')
          return await reviewList(
            review,
            {
              json: values.json,
              ...(values.lang ? { lang: values.lang } : {}),
              ...(values.sort ? { sort: values.sort } : {}),
            },
            out,
          );
        if (sub === 'dismiss') return await reviewDismiss(review, values.group, out);
        const { group, article, question } = values;
        return await reviewAdd(
          review,
          {
            ...(group ? { group } : {}),
            ...(article ? { article } : {}),
            ...(question !== undefined ? { question } : {}),
          },
          out,
        );
      } finally {
        await kb.close();
        await store.close();
      }
    }
    if (command === 'chat' && sub === undefined)
      return await chat({ ...config, contentDir }, values.json, values.lang, io);
  } catch (err) {
    const e = publicError(err);
    out.error(
      err instanceof AppError
        ? [e.message, ...e.details.map((d) => `  ${d}`)].join('\n')
        : `${e.message} ${(err as Error).message}`,
    );
    return err instanceof AppError && inputErrors.has(err.id) ? 2 : 1;
  }
  out.error(`Unknown command: ${positionals.join(' ')}\n\n${usage}`);
  return 2;
}

async function serve(config: Config, out: Output): Promise<number> {
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
