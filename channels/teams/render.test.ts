import { describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { choice } from '../../conversation/choices.js';
import { numberedChoice, renderActivity } from './render.js';
import { plainMentions, postbackOf, visitorKeyOf } from './activity.js';

describe('Teams rendering', () => {
  it('keeps Markdown, turns images into links and signs an agent’s message with their name', () => {
    expect(
      renderActivity({ text: 'See **this**: ![map](https://x.test/m.png "Map")', role: 'bot', meta: {} }),
    ).toEqual({
      type: 'message',
      text: 'See **this**: [map](https://x.test/m.png)',
      textFormat: 'markdown',
    });
    expect(renderActivity({ text: '![](https://x.test/a.png)', role: 'bot', meta: {} }).text).toBe(
      'https://x.test/a.png',
    );
    expect(renderActivity({ text: 'On it.', role: 'agent', meta: { agentName: 'Mira' } }).text).toBe(
      '**Mira:** On it.',
    );
  });

  it('shows up to six choices as messageBack buttons and more as a numbered list a typed number picks from', () => {
    const two = [choice('Yes', 'form:confirm'), choice('Change', 'form:edit')];
    expect(renderActivity({ text: 'Right?', role: 'bot', meta: { choices: two } }).attachments).toEqual([
      {
        contentType: 'application/vnd.microsoft.card.hero',
        content: {
          buttons: two.map((c) => ({
            type: 'messageBack',
            title: c.label,
            text: c.label,
            displayText: c.label,
            value: { postback: c.postback, label: c.label },
          })),
        },
      },
    ]);
    const seven = Array.from({ length: 7 }, (_, i) => choice(`Option ${i + 1}`, `form:opt:${i + 1}`));
    const many = renderActivity({ text: 'Pick one', role: 'bot', meta: { choices: seven } });
    expect(many.attachments).toBeUndefined();
    expect(many.text).toBe(`Pick one\n\n${seven.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`);
    expect(numberedChoice(' 7. ', seven)?.postback).toBe('form:opt:7');
    expect(numberedChoice('8', seven)).toBeNull();
    expect(numberedChoice('2', two)).toBeNull();
  });
});

describe('Teams activities', () => {
  const base = { from: { id: '29:u', name: '', aadObjectId: 'aad-1' }, channelData: {} };
  it('keys a personal chat by tenant and user, a channel by tenant and thread', () => {
    expect(
      visitorKeyOf({
        ...base,
        conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't1', isGroup: false, name: '' },
      }),
    ).toBe('t1/user/aad-1');
    expect(
      visitorKeyOf({
        from: { id: '29:u', name: '' },
        channelData: { tenant: { id: 't2' } },
        conversation: {
          id: '19:c@thread.tacv2;messageid=9',
          conversationType: 'channel',
          isGroup: true,
          name: '',
        },
      }),
    ).toBe('t2/thread/19:c@thread.tacv2;messageid=9');
    // The Emulator: no tenant, no conversation type, no aadObjectId.
    expect(
      visitorKeyOf({
        from: { id: 'u-1', name: '' },
        conversation: { id: 'c', isGroup: false, name: '' } as Activity['conversation'],
      }),
    ).toBe('none/user/u-1');
  });

  it('reads card postbacks and other users’ mentions', () => {
    expect(postbackOf({ postback: 'csat:5', label: '5' })).toEqual({ postback: 'csat:5', label: '5' });
    expect(postbackOf({ postback: 5 })).toBeNull();
    expect(postbackOf('csat:5')).toBeNull();
    expect(plainMentions(' ask <at>Kim Lee</at> about it ')).toBe('ask Kim Lee about it');
  });
});
