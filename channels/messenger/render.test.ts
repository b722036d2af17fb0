import { createHmac } from 'node:crypto';
import type { StoredMessage } from '../../conversation/types.js';
import { choice } from '../../conversation/choices.js';
import { markdownToPlainText } from './plain-text.js';
import { splitText } from './split-text.js';
import { numberedChoice, renderMessage } from './render.js';
import { appSecretProof, validSignature } from './signature.js';
import { incomingEvents } from './events.js';

const message = (text: string, choices = [choice('a', 'p:a')].slice(0, 0)): StoredMessage => ({
  id: 'm1',
  conversationId: 'c1',
  seq: 1,
  role: 'bot',
  text,
  clientId: null,
  meta: { choices },
  createdAt: new Date().toISOString(),
});

describe('markdownToPlainText', () => {
  it('keeps links as URLs and lists as lists, and drops emphasis, code marks and heading marks', () => {
    const md = [
      '## Returns',
      'Go to **Account → Orders** and click *Report a problem* (see [our policy](https://shop.example/returns)).',
      '',
      '- one `item`',
      '* two',
      '1. first',
      '2. second',
      '> quoted',
      'Plain <https://x.example/a> and [https://y.example](https://y.example) and snake_case_name.',
    ].join('\n');
    expect(markdownToPlainText(md)).toBe(
      [
        'Returns',
        'Go to Account → Orders and click Report a problem (see our policy (https://shop.example/returns)).',
        '',
        '• one item',
        '• two',
        '1. first',
        '2. second',
        'quoted',
        'Plain https://x.example/a and https://y.example and snake_case_name.',
      ].join('\n'),
    );
  });
});

describe('splitText', () => {
  it('cuts at paragraph, then sentence, then word boundaries within the limit', () => {
    const para = 'Alpha beta gamma. '.repeat(60).trim();
    const parts = splitText(`${para}\n\n${para}`, 2000);
    expect(parts).toEqual([para, para]);
    const long = 'Word '.repeat(500).trim() + '. Next sentence here.';
    for (const part of splitText(long, 300)) {
      expect(part.length).toBeLessThanOrEqual(300);
      expect(part).toMatch(/^Word|^Next/);
      expect(part).not.toMatch(/Wor$|^ord/);
    }
    expect(splitText(long, 300).join(' ')).toBe(long);
  });

  it('never cuts inside a surrogate pair, even in a text without spaces', () => {
    const emoji = '😀'.repeat(1500);
    const parts = splitText(emoji, 2000);
    expect(parts.every((p) => p.length <= 2000 && !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(parts.join('')).toBe(emoji);
  });
});

describe('renderMessage', () => {
  it('renders fitting choices as quick replies and others as numbered text a typed number maps back to', () => {
    const few = [choice('Returns', 'kb:returns'), choice('Shipping', 'kb:shipping')];
    expect(renderMessage(message('Did you **mean**?', few))).toEqual([
      {
        text: 'Did you mean?',
        quick_replies: [
          { content_type: 'text', title: 'Returns', payload: 'kb:returns' },
          { content_type: 'text', title: 'Shipping', payload: 'kb:shipping' },
        ],
      },
    ]);
    expect(numberedChoice('2', few)).toBeNull();
    const wordy = [choice('A title far over twenty characters', 'x:1'), choice('Short', 'x:2')];
    expect(renderMessage(message('Pick one', wordy))).toEqual([
      { text: 'Pick one\n\n1. A title far over twenty characters\n2. Short' },
    ]);
    expect(numberedChoice(' 2. ', wordy)?.postback).toBe('x:2');
    expect(numberedChoice('3', wordy)).toBeNull();
    const many = Array.from({ length: 14 }, (_, i) => choice(`C${i}`, `c:${i}`));
    expect(renderMessage(message('Many', many))[0]?.quick_replies).toBeUndefined();
    expect(numberedChoice('14', many)?.postback).toBe('c:13');
  });

  it('splits a long answer into Send API sized messages, quick replies on the last one', () => {
    const text = 'Sentence number one is here. '.repeat(150);
    const parts = renderMessage(message(text, [choice('Yes', 'y')]));
    expect(parts.length).toBe(3);
    expect(parts.every((p) => p.text.length <= 2000)).toBe(true);
    expect(parts.map((p) => p.quick_replies?.length ?? 0)).toEqual([0, 0, 1]);
  });
});

describe('signatures', () => {
  it('accepts only the HMAC-SHA256 of the raw bytes with the app secret', () => {
    const raw = Buffer.from('{"text":"\\u00e4"}');
    const good = `sha256=${createHmac('sha256', 'secret-0123456789').update(raw).digest('hex')}`;
    expect(validSignature(raw, good, 'secret-0123456789')).toBe(true);
    expect(validSignature(Buffer.from('{"text":"ä"}'), good, 'secret-0123456789')).toBe(false);
    expect(validSignature(raw, good, 'other-secret-0123')).toBe(false);
    expect(validSignature(raw, undefined, 'secret-0123456789')).toBe(false);
    expect(validSignature(raw, 'sha256=zz', 'secret-0123456789')).toBe(false);
    expect(appSecretProof('tok', 'sec')).toBe(createHmac('sha256', 'sec').update('tok').digest('hex'));
  });
});

describe('incomingEvents', () => {
  it('reads texts, quick replies, postbacks and attachments, and skips echoes, deliveries and reads', () => {
    const events = incomingEvents({
      object: 'page',
      entry: [
        {
          messaging: [
            { sender: { id: '1' }, message: { mid: 'm1', text: 'hi' } },
            {
              sender: { id: '1' },
              message: { mid: 'm2', text: 'Returns', quick_reply: { payload: 'kb:r' } },
            },
            { sender: { id: '1' }, postback: { mid: 'm3', title: 'Start', payload: 'start' } },
            { sender: { id: '1' }, message: { mid: 'm4', attachments: [{ type: 'image' }] } },
            { sender: { id: '9' }, message: { mid: 'm5', text: 'echo', is_echo: true } },
            { sender: { id: '1' }, delivery: { mids: ['m1'] } },
            { sender: { id: '1' }, read: { watermark: 1 } },
            { nonsense: true },
          ],
        },
      ],
    });
    expect(events).toEqual([
      { kind: 'text', psid: '1', mid: 'm1', text: 'hi', postback: null },
      { kind: 'text', psid: '1', mid: 'm2', text: 'Returns', postback: 'kb:r' },
      { kind: 'text', psid: '1', mid: 'm3', text: 'Start', postback: 'start' },
      { kind: 'unsupported', psid: '1', mid: 'm4' },
    ]);
    expect(incomingEvents({ object: 'instagram', entry: [] })).toEqual([]);
    expect(incomingEvents('junk')).toEqual([]);
  });
});
