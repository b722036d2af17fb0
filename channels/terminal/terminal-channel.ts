import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { publicError } from '../../common/errors.js';
import type { Bot } from '../../bot/bot.js';
import type { Choice, StoredMessage } from '../../conversation/types.js';

export const terminalChannel = 'terminal';

export interface TerminalOptions {
  readonly json: boolean;
  readonly lang?: string | undefined;
  /** Distinguishes conversations when several run against one store. */
  readonly visitorKey?: string;
}

/**
 * The bot in a terminal: one visitor message per input line, replies printed. A channel without buttons,
 * so choices are a numbered list that accepts the number or the label. With `json`, one JSON object per
 * reply: {text, choices, lang, articleId, confidence, event} (+ {form, values} on `form-done`, sensitive
 * values masked); problems as {"error": {code, message}}.
 */
export async function runTerminalChat(
  bot: Pick<Bot, 'handleTurn'>,
  input: Readable,
  output: Writable,
  options: TerminalOptions,
): Promise<void> {
  const print = (line: string) => output.write(`${line}\n`);
  let choices: readonly Choice[] = [];
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    const picked = pickChoice(line, choices);
    try {
      const result = await bot.handleTurn({
        channel: terminalChannel,
        visitorKey: options.visitorKey ?? 'terminal',
        clientId: null,
        text: picked ? picked.label : line,
        postback: picked?.postback ?? null,
        localeHint: options.lang ?? null,
      });
      for (const reply of result.replies) print(options.json ? JSON.stringify(toJson(reply)) : toText(reply));
      choices = result.replies.at(-1)?.meta.choices ?? [];
    } catch (err) {
      const e = publicError(err);
      print(
        options.json ? JSON.stringify({ error: { code: e.code, message: e.message } }) : `! ${e.message}`,
      );
    }
  }
}

function pickChoice(line: string, choices: readonly Choice[]): Choice | undefined {
  if (/^\d+$/.test(line)) return choices[Number(line) - 1];
  return choices.find((c) => c.label.toLowerCase() === line.toLowerCase());
}

function toJson(m: StoredMessage) {
  return {
    text: m.text,
    choices: (m.meta.choices ?? []).map((c) => c.label),
    lang: m.meta.lang ?? null,
    articleId: m.meta.articleId ?? null,
    confidence: m.meta.confidence ?? null,
    event: m.meta.event ?? null,
    ...(m.meta.form ? { form: m.meta.form.id, values: m.meta.form.values } : {}),
    ...(m.meta.ticket ? { ticket: m.meta.ticket } : {}),
  };
}

function toText(m: StoredMessage): string {
  const list = (m.meta.choices ?? []).map((c, i) => `  ${i + 1}) ${c.label}`);
  return [`bot> ${m.text}`, ...list].join('\n');
}
