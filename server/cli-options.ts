import type { parseArgs } from 'node:util';

/** The command line's help text. */
export const usage = `Usage:
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

/** Every option of every command (node:util parseArgs, strict). */
export const options = {
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

/** The parsed options of a command line. */
export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>
>['values'];
