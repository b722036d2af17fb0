import type { ChatMessage } from '../../channels/web/events.js';
import { waitFor, type ChatClient } from './chat-client.js';

/**
 * The no-agent path in the web chat: two questions the bot cannot answer, then the offer's "Talk to a person
 * or leave a message" (nobody is online, so the ticket form starts), the form (`email`, the category choice
 * `2`, `description`) and its confirmation. Returns the bot's "ticket filed" reply and the ticket's number.
 */
export async function fileTicketByChat(
  v: ChatClient,
  form: { email: string; description: string },
): Promise<{ number: string; filed: ChatMessage | undefined }> {
  await v.ask('blorp zxqv wibble');
  const replies = await v.ask(
    'qwerty asdf zxcv',
    `f${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
    2,
  );
  const person = replies.flatMap((r) => r.choices).find((c) => c.value === 'handoff:failures');
  if (!person) throw new Error('the bot did not offer a person after two unanswered questions');
  await v.pick(person.label, person.value);
  await waitFor(() => v.botMessages().some((m) => /Which email address/.test(m.text)), 'email prompt');
  await v.ask(form.email);
  await v.ask('2');
  await v.ask(form.description);
  const [filed] = await v.ask("Yes, that's right");
  return { number: /ticket (FD-\d+)/.exec(filed?.text ?? '')?.[1] ?? '', filed };
}
