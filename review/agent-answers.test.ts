import { describe, expect, it } from '@jest/globals';
import type { MessageMeta, Role, StoredMessage } from '../conversation/types.js';
import { visitorQuestion, type ResolvedChat } from './agent-answers.js';

let seq = 0;
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
const msg = (role: Role, text: string, s: number, meta: MessageMeta = {}): StoredMessage => ({
  id: `m${++seq}`,
  conversationId: 'c1',
  seq,
  role,
  text,
  clientId: null,
  meta,
  createdAt: at(s),
});
const chat: ResolvedChat = {
  conversationId: 'c1',
  lang: 'en',
  queuedAt: at(30),
  assignedAt: at(40),
  resolvedAt: at(60),
};

describe("the visitor's question behind a handoff", () => {
  it('is the question the bot offered articles for, when the visitor then asked for a person', () => {
    const question = msg('visitor', 'can I rent a van', 1);
    const messages = [
      question,
      msg('bot', 'These articles may help:', 2, { replyTo: question.id, event: 'offer' }),
      msg('visitor', 'None of these', 3, { postback: 'offer:none' }),
      msg('bot', 'Sorry those did not help.', 4, { replyTo: `m${seq}`, event: 'unresolved' }),
    ];
    const person = msg('visitor', 'talk to a person', 20);
    messages.push(person, msg('bot', 'Connecting you.', 21, { replyTo: person.id, event: 'handoff' }));
    expect(visitorQuestion(messages, chat)?.text).toBe('can I rent a van');
  });

  it('is the last question the bot answered or could not answer, not the ask for a person', () => {
    const first = msg('visitor', 'where is my order', 1);
    const second = msg('visitor', 'purple elephants', 5);
    const person = msg('visitor', 'talk to a person', 20);
    const messages = [
      first,
      msg('bot', 'Track it here.', 2, { replyTo: first.id, articleId: 'track-order' }),
      second,
      msg('bot', "I don't know.", 6, { replyTo: second.id, event: 'unresolved' }),
      person,
      msg('bot', 'Connecting you.', 21, { replyTo: person.id, event: 'handoff' }),
    ];
    expect(visitorQuestion(messages, chat)?.text).toBe('purple elephants');
  });
});
