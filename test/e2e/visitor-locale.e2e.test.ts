import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ChatClient, waitFor } from '../helpers/chat-client.js';
import { copyDemoContent, startTestServer, type TestServer } from '../helpers/server.js';
import { smtpCapture } from '../helpers/smtp-capture.js';

/**
 * Dates follow the visitor's own locale, not only their language: the browser's locales reach the server
 * in the widget's handshake, and an English conversation of a British browser reads "3 December", of an
 * American one "December 3" (#19 item 8). No agent ever signs in here, so asking for a person files a
 * ticket.
 */
let server: TestServer;
let smtp: Awaited<ReturnType<typeof smtpCapture>>;
const clients: ChatClient[] = [];

beforeAll(async () => {
  smtp = await smtpCapture();
  server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'help@lumen-oak.example' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  await smtp.close();
});

async function visitor(auth: { locales: string[]; timeZone: string }): Promise<ChatClient> {
  const c = new ChatClient(server.url, auth);
  clients.push(c);
  await c.session();
  return c;
}

/** Asks for a person, nobody is there: the ticket form, then the bot's "we will reply by …" time. */
async function fileTicket(v: ChatClient, email: string): Promise<{ due: string; number: string }> {
  await v.ask('I want to talk to a person', undefined, 2);
  await v.ask(email);
  await v.ask('2');
  await v.ask('My parcel is stuck in customs since last week.');
  const [filed] = await v.ask("Yes, that's right");
  expect(filed?.event).toBe('ticket');
  const match = /ticket (FD-\d+)\. Our team will reply to \S+ by (.+) at the latest\.$/.exec(
    filed?.text ?? '',
  );
  return { number: match?.[1] ?? '', due: match?.[2] ?? '' };
}

/** What the form's summary shows for the delivery date typed as `typed`. */
async function summaryDate(v: ChatClient, typed = '2026-03-12'): Promise<string> {
  await v.ask('my lamp arrived broken, order 48213');
  await v.ask('Damaged item');
  await v.ask(typed);
  await v.ask('jane@example.com');
  const [summary] = await v.ask('Skip');
  return /\*\*Delivered on:\*\* (.+)/.exec(summary?.text ?? '')?.[1] ?? '';
}

describe('dates in the visitor’s locale (real server, socket.io visitors, SMTP)', () => {
  it('tells an en-GB and an en-US visitor the ticket’s reply-by time each in their own format', async () => {
    const gb = await visitor({ locales: ['en-GB', 'en'], timeZone: 'Europe/London' });
    const us = await visitor({ locales: ['en-US', 'en'], timeZone: 'America/New_York' });
    expect((await gb.session()).lang).toBe('en');
    expect((await us.session()).lang).toBe('en');

    const british = await fileTicket(gb, 'gb@example.com');
    const american = await fileTicket(us, 'us@example.com');
    // en-GB: "Friday 4 December at 09:00 GMT" (day before month, 24-hour clock, no comma after the weekday)
    expect(british.due).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ at \d{2}:\d{2} (GMT|BST)$/);
    // en-US: "Friday, December 4 at 04:00 AM EST"
    expect(american.due).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2} at \d{2}:\d{2} (AM|PM) (EST|EDT)$/);

    // The acknowledgement email says the same time, in the same format.
    await waitFor(() => smtp.mails.length >= 2, 'two acknowledgement emails', 15_000);
    const mailTo = (to: string) => smtp.mails.find((m) => m.to.includes(to))?.text ?? '';
    expect(mailTo('gb@example.com')).toContain(`Our team will reply by ${british.due} at the latest.`);
    expect(mailTo('us@example.com')).toContain(`Our team will reply by ${american.due} at the latest.`);
  }, 60_000);

  it('shows a form’s date in the visitor’s locale in the summary', async () => {
    const gb = await visitor({ locales: ['en-GB'], timeZone: 'Europe/London' });
    const us = await visitor({ locales: ['en-US'], timeZone: 'America/New_York' });
    expect(await summaryDate(gb)).toBe('12 March 2026');
    expect(await summaryDate(us)).toBe('March 12, 2026');
    // A slashed date is read the visitor's way: month first only where their locale writes it so.
    const gb2 = await visitor({ locales: ['en-GB'], timeZone: 'Europe/London' });
    const us2 = await visitor({ locales: ['en-US'], timeZone: 'America/New_York' });
    expect(await summaryDate(gb2, '3/12/2026')).toBe('3 December 2026');
    expect(await summaryDate(us2, '3/12/2026')).toBe('March 12, 2026');
  }, 60_000);

  it('drops a malformed locale and uses the language’s own format', async () => {
    const odd = await visitor({ locales: ['en_GB', 'en'], timeZone: 'Europe/London' });
    expect((await odd.session()).lang).toBe('en');
    expect(await summaryDate(odd)).toBe('March 12, 2026');
  }, 60_000);
});

describe('the next opening time in the visitor’s locale (office closed)', () => {
  let closed: TestServer;
  beforeAll(async () => {
    // Open around the clock except yesterday, today and tomorrow (UTC): closed now, back in two days.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const contentDir = copyDemoContent();
    const allDay = '["00:00-24:00"]';
    writeFileSync(
      path.join(contentDir, 'business-hours.yml'),
      `timeZone: UTC\nweekly:\n${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => `  ${d}: ${allDay}\n`).join('')}` +
        `holidays: ["${day(-1)}", "${day(0)}", "${day(1)}"]\n`,
    );
    closed = await startTestServer({}, { contentDir });
  });
  afterAll(async () => {
    await closed.stop();
  });

  it('tells an en-GB and an en-US visitor when the team is back, each in their own format', async () => {
    const opening = async (locales: string[]) => {
      const v = new ChatClient(closed.url, { locales, timeZone: 'UTC' });
      clients.push(v);
      await v.session();
      const [reply] = await v.ask('I want to talk to a person', undefined, 1);
      return /we're back (.+?)\.(?: |$)/.exec(reply?.text ?? '')?.[1] ?? reply?.text;
    };
    const dayAfter = new Date(Date.now() + 2 * 86_400_000);
    const d = dayAfter.getUTCDate();
    const month = dayAfter.toLocaleString('en', { month: 'long', timeZone: 'UTC' });
    expect(await opening(['en-GB'])).toMatch(new RegExp(`^[A-Z][a-z]+day ${d} ${month} at 00:00 UTC$`));
    expect(await opening(['en-US'])).toMatch(new RegExp(`^[A-Z][a-z]+day, ${month} ${d} at 12:00 AM UTC$`));
  }, 60_000);
});
