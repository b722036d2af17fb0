import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import type { Bot } from '../../bot/bot.js';
import type { Store } from '../../store/ports.js';
import { LiveKnowledgeBase } from '../../kb/live-kb.js';
import { openEmbeddedStore } from '../../store/embedded/sqlite-store.js';
import { repoRoot } from '../helpers/server.js';
import { TestAdapter } from '../helpers/test-adapter.js';
import { testBot } from '../helpers/bot.js';

let store: Store;
let bot: Bot;
let kb: LiveKnowledgeBase;

beforeAll(async () => {
  const content = path.join(repoRoot, 'content');
  kb = await LiveKnowledgeBase.open(content);
  store = openEmbeddedStore(':memory:');
  bot = await testBot(kb, store);
});
afterAll(async () => {
  await kb.close();
  await store.close();
});

const prompts = {
  problem: /What went wrong\?$/,
  delivered: /When did the parcel arrive/,
  email: /Which email address should we reply to\?$/,
  phone: /And a phone number/,
  summary: /^Here's what I have:/,
};

describe('the order-problem form in English', () => {
  it('pre-fills from free text, collects the rest, confirms, then answers with the values', async () => {
    const chat = new TestAdapter(bot, 'en-happy');
    await chat
      .send("My lamp arrived broken, order 48213, I'm jane@example.com")
      .assertReply((r) => {
        expect(r.meta.event).toBe('form');
        expect(r.text).toMatch(/^I need a few details first/);
        expect(r.text).toMatch(prompts.problem);
        expect(r.meta.choices?.map((c) => c.label)).toEqual(['Damaged item', 'Wrong item', 'Missing item']);
      })
      .send('Damaged item', { postback: 'form:opt:damaged' })
      .assertReply(prompts.delivered)
      .send('12 November 2026')
      .assertReply(prompts.phone)
      .send('skip')
      .assertReply((r) => {
        expect(r.text).toMatch(prompts.summary);
        expect(r.text).toContain('- **Order number:** 48213 _(from your message)_');
        expect(r.text).toContain('- **Problem:** Damaged item');
        expect(r.text).toContain('- **Delivered on:** November 12, 2026');
        expect(r.text).toContain('- **Email:** jane@example.com _(from your message)_');
        expect(r.text).toContain('- **Phone:** _(skipped)_');
        expect(r.meta.choices?.[0]).toEqual({
          id: 'form:confirm',
          label: "Yes, that's right",
          postback: 'form:confirm',
        });
      })
      .send("Yes, that's right", { postback: 'form:confirm' })
      .assertReply((r) => {
        expect(r.meta).toMatchObject({
          event: 'form-done',
          articleId: 'damaged-or-wrong-item',
          form: {
            id: 'order-problem',
            values: { orderNumber: '48213', problem: 'damaged', email: 'jane@example.com' },
          },
        });
        expect(r.text).toMatch(/^Thanks, I've noted the problem with order \*\*48213\*\*: Damaged item\./);
        expect(r.text).toContain('reply to jane@example.com within 1 business day');
      });
    const conversation = await store.conversations.find('test', 'en-happy');
    expect(conversation?.state.form).toBeNull();
    expect(conversation?.state.details).toMatchObject({ orderNumber: '48213', deliveredOn: '2026-11-12' });
  });

  it('re-asks with the hint on every invalid value, and offers a person after three in a row', async () => {
    await new TestAdapter(bot, 'en-invalid')
      .send('the item I got is the wrong one')
      .assertReply(/What's your order number\?/)
      .send('12')
      .assertReply((r) => {
        expect(r.text).toMatch(
          /^Hmm, that doesn't look right\. An order number has 5 to 8 digits, like 48213\./,
        );
        expect(r.text).toMatch(/What's your order number\?/);
      })
      .send('abc')
      .assertReply(/An order number has 5 to 8 digits/)
      .send('no idea')
      .assertReply((r) => {
        expect(r.text).toMatch(/Would you like to talk to a person instead\?$/);
        expect(r.meta.choices?.map((c) => c.postback)).toEqual([
          'handoff:request',
          'form:retry',
          'form:cancel',
        ]);
      })
      .send('Let me try again', { postback: 'form:retry' })
      .assertReply(/^What's your order number\?/)
      .send('٤٨٢١٣')
      .assertReply(prompts.problem)
      .send('4')
      .assertReply(/^Hmm, that doesn't look right\. Please pick one of the options, or type its number\./)
      .send('2')
      .assertReply(prompts.delivered)
      .send('31 February')
      .assertReply(/Please give a date, like 12 March 2026/)
      .send('yesterday')
      .assertReply(prompts.email)
      .send('jane@example')
      .assertReply(/An email address looks like name@example\.com\./)
      .send('jane@example.com')
      .assertReply(prompts.phone)
      .send('12345')
      .assertReply(/Please include the country code/)
      .send('+358 40 123 4567')
      .assertReply((r) => {
        expect(r.text).toContain('- **Phone:** ••••4567');
        expect(r.text).not.toContain('+358401234567');
      })
      .send('yes')
      .assertReply((r) => {
        expect(r.meta.event).toBe('form-done');
        expect(r.meta.form?.values).toMatchObject({
          orderNumber: '48213',
          problem: 'wrong',
          phone: '••••4567',
        });
      });
    expect((await store.conversations.find('test', 'en-invalid'))?.state.details?.['phone']).toBe(
      '+358401234567',
    );
    // Answers inside a form, valid or not, never reach the unresolved-questions view.
    const unresolved = (await store.unresolved.list({ limit: 500 })).map((q) => q.text);
    for (const typed of ['12', 'abc', 'no idea', '12345', '+358 40 123 4567', 'jane@example'])
      expect(unresolved).not.toContain(typed);
  });

  it('skip refuses a required field; back corrects the previous one; cancel leaves the form', async () => {
    await new TestAdapter(bot, 'en-nav')
      .send('my mug came cracked')
      .assertReply(/What's your order number\?/)
      .send('skip')
      .assertReply(/^I need this one to continue, so it can't be skipped\./)
      .send('back')
      .assertReply(/^This is the first question\./)
      .send('48213')
      .assertReply(prompts.problem)
      .send('back')
      .assertReply(/^What's your order number\?/)
      .send('48299')
      .assertReply(prompts.problem)
      .send('stop')
      .assertReply("Okay, I've cancelled that. Is there anything else I can help you with?")
      .send('how do I reset my password')
      .assertReply((r) => expect(r.meta.articleId).toBe('reset-password'));
    expect((await store.conversations.find('test', 'en-nav'))?.state.form).toBeNull();
  });

  it('answers a KB question in the middle of the form, then asks again where it stood', async () => {
    await new TestAdapter(bot, 'en-midway')
      .send('you sent me the wrong product, order 48213')
      .assertReply(prompts.problem)
      .send('how long does a refund take?')
      .assertReply((r) => expect(r.meta.articleId).toBe('refund-timing'))
      .assertReply((r) => {
        expect(r.text).toMatch(/^Now, back to your details:\n\nWhat went wrong\?$/);
        expect(r.meta.choices).toHaveLength(3);
      })
      .send('Wrong item')
      .assertReply(prompts.delivered);
  });

  it('edits a value from the summary and comes back to the summary', async () => {
    await new TestAdapter(bot, 'en-edit')
      .send('order 48213 arrived damaged, jane@example.com, +358401234567')
      .assertReply(prompts.problem)
      .send('1')
      .assertReply(prompts.delivered)
      .send('today')
      .assertReply(prompts.summary)
      .send('Change Email', { postback: 'form:edit:email' })
      .assertReply(prompts.email)
      .send('john@example.org')
      .assertReply((r) => {
        expect(r.text).toMatch(prompts.summary);
        expect(r.text).toContain('- **Email:** john@example.org');
      })
      .send('Change Order number')
      .assertReply(/What's your order number\?/)
      .send('48214')
      .assertReply((r) => expect(r.text).toContain('- **Order number:** 48214\n'))
      .send('maybe')
      .assertReply(/^Please confirm, change a detail, or cancel\./);
  });

  it('keeps the form across turns: a new Bot on the same store resumes where it stood', async () => {
    await new TestAdapter(bot, 'en-resume')
      .send('the package was damaged in transit')
      .assertReply(/order number/);
    const restarted = await testBot(kb, store, { detect: false });
    await new TestAdapter(restarted, 'en-resume').send('48213').assertReply(prompts.problem);
  });
});
