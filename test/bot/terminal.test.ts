import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Bot } from '../../bot/bot.js';
import { I18nTranslator } from '../../bot/i18n.js';
import type { Store } from '../../store/ports.js';
import { runTerminalChat } from '../../channels/terminal/terminal-channel.js';
import { KnowledgeBaseIndex } from '../../kb/knowledge-base.js';
import { loadKb } from '../../kb/load.js';
import { loadLocales } from '../../server/locales.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { tieKb } from '../helpers/tie-kb.js';

let store: Store;
let bot: Bot;

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  const index = await KnowledgeBaseIndex.build(await loadKb(content));
  store = openEmbeddedStore(':memory:');
  bot = new Bot({
    store,
    kb: tieKb(index), // every question ties between two articles, so the bot always offers a choice
    translator: await I18nTranslator.create(loadLocales(content), 'en'),
    settings: { answerThreshold: 0.25, clarifyMargin: 0.05, defaultLang: 'en', maxMessageLength: 2000 },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
});
afterAll(() => store.close());

async function transcript(lines: string[], json: boolean, visitorKey: string): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  const done = runTerminalChat(bot, input, output, { json, visitorKey });
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}

describe('terminal channel (no buttons)', () => {
  it('offers choices as a numbered list and accepts the number', async () => {
    const out = await transcript(['money back', '2'], false, 'numbers');
    expect(out).toContain(
      'bot> These articles may help:\n  1) When will I get my refund?\n  2) How do I return an item?\n  3) None of these\n',
    );
    expect(out).toMatch(/bot> You can return most items within \*\*30 days\*\*/);
  });

  it('accepts the label instead of the number, case-insensitively', async () => {
    const out = await transcript(['money back', 'when will i get my refund?'], true, 'labels');
    const replies = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string | null; articleId: string | null; choices: string[] });
    expect(replies[0]).toMatchObject({
      event: 'offer',
      choices: ['When will I get my refund?', 'How do I return an item?', 'None of these'],
    });
    expect(replies[1]).toMatchObject({ event: null, articleId: 'refund-timing' });
  });
});
