import { describe, expect, it } from '@jest/globals';
import type { BusinessHoursConfig } from './business-hours.js';
import { alwaysOpen, BusinessHours, businessHoursSchema } from './business-hours.js';

const weekdays = (intervals: readonly string[]): BusinessHoursConfig['weekly'] => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
});

const hours = (config: Partial<BusinessHoursConfig> = {}): BusinessHours =>
  new BusinessHours({ timeZone: 'UTC', weekly: weekdays(['09:00-17:00']), holidays: [], ...config });

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// 2026-01-12 is a Monday; 2026-01-16 a Friday.
describe('isOpen', () => {
  const bh = hours();

  it('is open inside the interval, with the start inclusive and the end exclusive', () => {
    expect(bh.isOpen(at('2026-01-14T09:00:00Z'))).toBe(true);
    expect(bh.isOpen(at('2026-01-14T12:30:00Z'))).toBe(true);
    expect(bh.isOpen(at('2026-01-14T16:59:59.999Z'))).toBe(true);
    expect(bh.isOpen(at('2026-01-14T08:59:59.999Z'))).toBe(false);
    expect(bh.isOpen(at('2026-01-14T17:00:00Z'))).toBe(false);
    expect(bh.isOpen(at('2026-01-14T23:00:00Z'))).toBe(false);
    expect(bh.isOpen(at('2026-01-14T03:00:00Z'))).toBe(false);
  });

  it('supports several intervals per day (a lunch break)', () => {
    const lunch = hours({ weekly: weekdays(['13:00-17:00', '09:00-12:00']) });
    expect(lunch.isOpen(at('2026-01-14T11:59:00Z'))).toBe(true);
    expect(lunch.isOpen(at('2026-01-14T12:00:00Z'))).toBe(false);
    expect(lunch.isOpen(at('2026-01-14T12:59:00Z'))).toBe(false);
    expect(lunch.isOpen(at('2026-01-14T13:00:00Z'))).toBe(true);
  });

  it('merges overlapping intervals', () => {
    const overlap = hours({ weekly: { mon: ['09:00-12:00', '11:00-14:00'] } });
    expect(overlap.isOpen(at('2026-01-12T13:30:00Z'))).toBe(true);
    expect(overlap.addBusinessMinutes(at('2026-01-12T09:00:00Z'), 300).toISOString()).toBe(
      '2026-01-12T14:00:00.000Z',
    );
  });

  it('is closed on days missing from the schedule (weekends)', () => {
    expect(bh.isOpen(at('2026-01-17T12:00:00Z'))).toBe(false); // Saturday
    expect(bh.isOpen(at('2026-01-18T12:00:00Z'))).toBe(false); // Sunday
    expect(bh.isOpen(at('2026-01-19T12:00:00Z'))).toBe(true); // Monday
  });

  it('is closed all day on holidays', () => {
    const holiday = hours({ holidays: ['2026-01-14'] });
    expect(holiday.isOpen(at('2026-01-14T12:00:00Z'))).toBe(false);
    expect(holiday.isOpen(at('2026-01-13T12:00:00Z'))).toBe(true);
    expect(holiday.isOpen(at('2026-01-15T12:00:00Z'))).toBe(true);
  });

  it('uses the local date for holidays, not the UTC date', () => {
    // 2026-01-14 in Helsinki (UTC+2) starts at 2026-01-13T22:00Z.
    const hki = hours({
      timeZone: 'Europe/Helsinki',
      weekly: weekdays(['00:00-24:00']),
      holidays: ['2026-01-14'],
    });
    expect(hki.isOpen(at('2026-01-13T21:59:00Z'))).toBe(true);
    expect(hki.isOpen(at('2026-01-13T22:00:00Z'))).toBe(false);
    expect(hki.isOpen(at('2026-01-14T21:59:00Z'))).toBe(false);
    expect(hki.isOpen(at('2026-01-14T22:00:00Z'))).toBe(true);
  });

  it('treats "24:00" as the end of the day', () => {
    const late = hours({ weekly: { fri: ['20:00-24:00'], sat: ['00:00-02:00'] } });
    expect(late.isOpen(at('2026-01-16T23:59:59Z'))).toBe(true);
    expect(late.isOpen(at('2026-01-17T00:00:00Z'))).toBe(true);
    expect(late.isOpen(at('2026-01-17T02:00:00Z'))).toBe(false);
    expect(late.addBusinessMinutes(at('2026-01-16T23:00:00Z'), 120).toISOString()).toBe(
      '2026-01-17T01:00:00.000Z',
    );
  });

  it('alwaysOpen is open at any instant', () => {
    const always = new BusinessHours(alwaysOpen);
    for (const t of ['2026-01-17T00:00:00Z', '2026-03-29T03:30:00Z', '2026-12-31T23:59:59Z']) {
      expect(always.isOpen(at(t))).toBe(true);
      expect(iso(always.nextOpening(at(t)))).toBe(at(t).toISOString());
    }
    expect(always.addBusinessMinutes(at('2026-01-17T23:00:00Z'), 90).toISOString()).toBe(
      '2026-01-18T00:30:00.000Z',
    );
  });
});

describe('nextOpening', () => {
  const bh = hours();

  it('returns the instant itself when open now', () => {
    expect(iso(bh.nextOpening(at('2026-01-14T10:15:30.250Z')))).toBe('2026-01-14T10:15:30.250Z');
  });

  it('returns the opening later the same day', () => {
    expect(iso(bh.nextOpening(at('2026-01-14T06:00:00Z')))).toBe('2026-01-14T09:00:00.000Z');
  });

  it('returns the next morning after closing', () => {
    expect(iso(bh.nextOpening(at('2026-01-14T17:00:00Z')))).toBe('2026-01-15T09:00:00.000Z');
  });

  it('returns the end of a lunch break', () => {
    const lunch = hours({ weekly: weekdays(['09:00-12:00', '13:00-17:00']) });
    expect(iso(lunch.nextOpening(at('2026-01-14T12:10:00Z')))).toBe('2026-01-14T13:00:00.000Z');
  });

  it('skips a weekend', () => {
    expect(iso(bh.nextOpening(at('2026-01-16T18:00:00Z')))).toBe('2026-01-19T09:00:00.000Z');
    expect(iso(bh.nextOpening(at('2026-01-17T12:00:00Z')))).toBe('2026-01-19T09:00:00.000Z');
  });

  it('skips a weekend followed by a holiday', () => {
    const holiday = hours({ holidays: ['2026-01-19'] });
    expect(iso(holiday.nextOpening(at('2026-01-16T18:00:00Z')))).toBe('2026-01-20T09:00:00.000Z');
  });

  it('is null when never open in the next 366 days', () => {
    expect(hours({ weekly: {} }).nextOpening(at('2026-01-14T12:00:00Z'))).toBeNull();
    const yearOfHolidays: string[] = [];
    for (let d = Date.UTC(2026, 0, 1); d < Date.UTC(2027, 0, 3); d += 86_400_000) {
      yearOfHolidays.push(new Date(d).toISOString().slice(0, 10));
    }
    const closed = hours({ holidays: yearOfHolidays });
    expect(closed.nextOpening(at('2026-01-01T00:00:00Z'))).toBeNull();
    // Open again on Monday 2027-01-04, within 366 days of 2026-01-05.
    expect(iso(closed.nextOpening(at('2026-01-05T00:00:00Z')))).toBe('2027-01-04T09:00:00.000Z');
  });
});

describe('addBusinessMinutes', () => {
  const bh = hours();

  it('adds within a single open interval', () => {
    expect(bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), 90).toISOString()).toBe(
      '2026-01-14T11:30:00.000Z',
    );
  });

  it('ends exactly at closing time rather than at the next opening', () => {
    expect(bh.addBusinessMinutes(at('2026-01-14T13:00:00Z'), 240).toISOString()).toBe(
      '2026-01-14T17:00:00.000Z',
    );
  });

  it('continues the next morning', () => {
    expect(bh.addBusinessMinutes(at('2026-01-14T16:00:00Z'), 120).toISOString()).toBe(
      '2026-01-15T10:00:00.000Z',
    );
  });

  it('spans a weekend: Friday 16:00 + 4 business hours is Monday 12:00', () => {
    expect(bh.addBusinessMinutes(at('2026-01-16T16:00:00Z'), 240).toISOString()).toBe(
      '2026-01-19T12:00:00.000Z',
    );
  });

  it('starts counting at the next opening when closed', () => {
    expect(bh.addBusinessMinutes(at('2026-01-17T12:00:00Z'), 30).toISOString()).toBe(
      '2026-01-19T09:30:00.000Z',
    );
    expect(bh.addBusinessMinutes(at('2026-01-14T05:00:00Z'), 60).toISOString()).toBe(
      '2026-01-14T10:00:00.000Z',
    );
  });

  it('skips lunch breaks', () => {
    const lunch = hours({ weekly: weekdays(['09:00-12:00', '13:00-17:00']) });
    expect(lunch.addBusinessMinutes(at('2026-01-14T11:00:00Z'), 120).toISOString()).toBe(
      '2026-01-14T14:00:00.000Z',
    );
  });

  it('skips holidays', () => {
    const holiday = hours({ holidays: ['2026-01-19', '2026-01-20'] });
    expect(holiday.addBusinessMinutes(at('2026-01-16T16:00:00Z'), 240).toISOString()).toBe(
      '2026-01-21T12:00:00.000Z',
    );
  });

  it('handles SLAs of several weeks', () => {
    // Three 40-hour weeks from Monday 09:00 end on the third Friday at 17:00.
    expect(bh.addBusinessMinutes(at('2026-01-12T09:00:00Z'), 3 * 40 * 60).toISOString()).toBe(
      '2026-01-30T17:00:00.000Z',
    );
    // Six weeks and one minute.
    expect(bh.addBusinessMinutes(at('2026-01-12T09:00:00Z'), 6 * 40 * 60 + 1).toISOString()).toBe(
      '2026-02-23T09:01:00.000Z',
    );
  });

  it('supports fractional minutes', () => {
    expect(bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), 0.5).toISOString()).toBe(
      '2026-01-14T10:00:30.000Z',
    );
  });

  it('with 0 minutes returns nextOpening', () => {
    expect(bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), 0).toISOString()).toBe(
      '2026-01-14T10:00:00.000Z',
    );
    expect(bh.addBusinessMinutes(at('2026-01-16T18:00:00Z'), 0).toISOString()).toBe(
      '2026-01-19T09:00:00.000Z',
    );
  });

  it('rejects negative or non-finite minutes', () => {
    expect(() => bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => bh.addBusinessMinutes(at('2026-01-14T10:00:00Z'), Infinity)).toThrow(RangeError);
  });

  it('throws when never open', () => {
    const closed = hours({ weekly: {} });
    expect(() => closed.addBusinessMinutes(at('2026-01-14T10:00:00Z'), 60)).toThrow(/never open/);
    expect(() => closed.addBusinessMinutes(at('2026-01-14T10:00:00Z'), 0)).toThrow(/never open/);
  });
});

describe('time zones', () => {
  const helsinki = hours({ timeZone: 'Europe/Helsinki' });
  const newYork = hours({ timeZone: 'America/New_York' });

  it('evaluates the schedule in the team time zone', () => {
    // Wednesday 2026-01-14 08:00Z is 10:00 in Helsinki (UTC+2) and 03:00 in New York (UTC-5).
    expect(helsinki.isOpen(at('2026-01-14T08:00:00Z'))).toBe(true);
    expect(newYork.isOpen(at('2026-01-14T08:00:00Z'))).toBe(false);
    // 15:00Z is 17:00 in Helsinki and 10:00 in New York.
    expect(helsinki.isOpen(at('2026-01-14T15:00:00Z'))).toBe(false);
    expect(newYork.isOpen(at('2026-01-14T15:00:00Z'))).toBe(true);
  });

  it('finds openings in local time', () => {
    expect(iso(helsinki.nextOpening(at('2026-01-14T00:00:00Z')))).toBe('2026-01-14T07:00:00.000Z');
    expect(iso(newYork.nextOpening(at('2026-01-14T00:00:00Z')))).toBe('2026-01-14T14:00:00.000Z');
  });

  it('uses the local weekday: Friday evening in New York is already Saturday in UTC', () => {
    // Friday 2026-01-16 16:00 in New York = Friday 21:00Z.
    expect(newYork.isOpen(at('2026-01-16T21:00:00Z'))).toBe(true);
    expect(newYork.addBusinessMinutes(at('2026-01-16T21:00:00Z'), 240).toISOString()).toBe(
      '2026-01-19T17:00:00.000Z',
    );
  });
});

describe('daylight saving time', () => {
  const helsinki = hours({ timeZone: 'Europe/Helsinki' });

  it('opens at 09:00 local on the Monday after the spring change (06:00Z, UTC+3)', () => {
    expect(iso(helsinki.nextOpening(at('2026-03-29T12:00:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(helsinki.isOpen(at('2026-03-30T05:59:00Z'))).toBe(false);
    expect(helsinki.isOpen(at('2026-03-30T06:00:00Z'))).toBe(true);
    expect(helsinki.isOpen(at('2026-03-30T13:59:00Z'))).toBe(true);
    expect(helsinki.isOpen(at('2026-03-30T14:00:00Z'))).toBe(false);
  });

  it('opens at 09:00 local on the Friday before the spring change (07:00Z, UTC+2)', () => {
    expect(iso(helsinki.nextOpening(at('2026-03-27T00:00:00Z')))).toBe('2026-03-27T07:00:00.000Z');
  });

  it('opens at 09:00 local on the Monday after the autumn change (07:00Z, UTC+2)', () => {
    expect(iso(helsinki.nextOpening(at('2026-10-25T12:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    expect(helsinki.isOpen(at('2026-10-26T06:59:00Z'))).toBe(false);
    expect(helsinki.isOpen(at('2026-10-26T07:00:00Z'))).toBe(true);
    expect(helsinki.isOpen(at('2026-10-26T14:59:00Z'))).toBe(true);
    expect(helsinki.isOpen(at('2026-10-26T15:00:00Z'))).toBe(false);
  });

  it('counts business time across a DST weekend in local hours', () => {
    // Friday 2026-03-27 16:00 local (14:00Z, UTC+2) + 4h → Monday 12:00 local (09:00Z, UTC+3).
    expect(helsinki.addBusinessMinutes(at('2026-03-27T14:00:00Z'), 240).toISOString()).toBe(
      '2026-03-30T09:00:00.000Z',
    );
    // Friday 2026-10-23 16:00 local (13:00Z, UTC+3) + 4h → Monday 12:00 local (10:00Z, UTC+2).
    expect(helsinki.addBusinessMinutes(at('2026-10-23T13:00:00Z'), 240).toISOString()).toBe(
      '2026-10-26T10:00:00.000Z',
    );
  });

  it('follows the America/New_York change on the second Sunday of March', () => {
    const newYork = hours({ timeZone: 'America/New_York' });
    expect(iso(newYork.nextOpening(at('2026-03-06T00:00:00Z')))).toBe('2026-03-06T14:00:00.000Z'); // EST
    expect(iso(newYork.nextOpening(at('2026-03-09T00:00:00Z')))).toBe('2026-03-09T13:00:00.000Z'); // EDT
  });

  it('an interval across the spring-forward hour has one real hour less', () => {
    // Sunday 2026-03-29 00:00-06:00 local: 00:00 = 22:00Z (UTC+2), 06:00 = 03:00Z (UTC+3), 5 real hours.
    const night = hours({ timeZone: 'Europe/Helsinki', weekly: { sun: ['00:00-06:00'] } });
    const midnight = at('2026-03-28T22:00:00Z');
    expect(night.addBusinessMinutes(midnight, 300).toISOString()).toBe('2026-03-29T03:00:00.000Z');
    expect(night.addBusinessMinutes(midnight, 299).toISOString()).toBe('2026-03-29T02:59:00.000Z');
    // One minute more continues on the next Sunday, 2026-04-05 00:00 local = 2026-04-04T21:00Z.
    expect(night.addBusinessMinutes(midnight, 301).toISOString()).toBe('2026-04-04T21:01:00.000Z');
    expect(night.isOpen(at('2026-03-29T01:00:00Z'))).toBe(true); // 04:00 local, just after the jump
    expect(night.isOpen(at('2026-03-29T03:00:00Z'))).toBe(false);
  });

  it('an interval starting in the spring-forward gap opens at the first valid instant after it', () => {
    // 03:30 local does not exist on 2026-03-29: clocks jump from 03:00 (01:00Z) to 04:00.
    const gap = hours({ timeZone: 'Europe/Helsinki', weekly: { sun: ['03:30-05:00'] } });
    expect(iso(gap.nextOpening(at('2026-03-28T22:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(gap.isOpen(at('2026-03-29T00:59:59Z'))).toBe(false);
    expect(gap.isOpen(at('2026-03-29T01:00:00Z'))).toBe(true);
    expect(gap.addBusinessMinutes(at('2026-03-28T22:00:00Z'), 60).toISOString()).toBe(
      '2026-03-29T02:00:00.000Z',
    );
  });

  it('an interval entirely inside the spring-forward gap is empty', () => {
    const gap = hours({ timeZone: 'Europe/Helsinki', weekly: { sun: ['03:10-03:50'] } });
    expect(iso(gap.nextOpening(at('2026-03-28T22:00:00Z')))).toBe('2026-04-05T00:10:00.000Z');
  });

  it('an interval across the fall-back hour has one real hour more, including both passes of 03:xx', () => {
    // Sunday 2026-10-25 00:00-06:00 local: 00:00 = 21:00Z on the 24th (UTC+3), 06:00 = 04:00Z (UTC+2).
    const night = hours({ timeZone: 'Europe/Helsinki', weekly: { sun: ['00:00-06:00'] } });
    const midnight = at('2026-10-24T21:00:00Z');
    expect(iso(night.nextOpening(at('2026-10-24T12:00:00Z')))).toBe('2026-10-24T21:00:00.000Z');
    expect(night.addBusinessMinutes(midnight, 420).toISOString()).toBe('2026-10-25T04:00:00.000Z');
    expect(night.isOpen(at('2026-10-25T00:30:00Z'))).toBe(true); // first 03:30 (UTC+3)
    expect(night.isOpen(at('2026-10-25T01:30:00Z'))).toBe(true); // second 03:30 (UTC+2)
    expect(night.isOpen(at('2026-10-25T04:00:00Z'))).toBe(false);
  });

  it('an interval ending in the repeated hour ends after its second pass', () => {
    const night = hours({ timeZone: 'Europe/Helsinki', weekly: { sun: ['02:00-03:30'] } });
    // 02:00 local = 23:00Z (UTC+3); the second 03:30 = 01:30Z (UTC+2): 2.5 real hours.
    expect(night.addBusinessMinutes(at('2026-10-24T23:00:00Z'), 150).toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    expect(night.isOpen(at('2026-10-25T01:30:00Z'))).toBe(false);
  });
});

describe('businessHoursSchema', () => {
  const valid: BusinessHoursConfig = {
    timeZone: 'Europe/Helsinki',
    weekly: { mon: ['09:00-12:00', '13:00-24:00'], sat: [] },
    holidays: ['2026-12-24', '2026-02-28'],
  };
  const messages = (config: unknown): string[] => {
    const result = businessHoursSchema.safeParse(config);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('accepts a valid configuration and alwaysOpen', () => {
    expect(businessHoursSchema.parse(valid)).toEqual(valid);
    expect(businessHoursSchema.parse(alwaysOpen)).toEqual(alwaysOpen);
    expect(alwaysOpen.timeZone).toBe('UTC');
    expect(Object.keys(alwaysOpen.weekly).sort()).toEqual(['fri', 'mon', 'sat', 'sun', 'thu', 'tue', 'wed']);
  });

  it('rejects an unknown time zone', () => {
    expect(messages({ ...valid, timeZone: 'Mars/Olympus_Mons' })).toEqual([
      'unknown time zone "Mars/Olympus_Mons": expected an IANA name such as "Europe/Helsinki"',
    ]);
  });

  it('rejects an interval ending before it starts', () => {
    expect(messages({ ...valid, weekly: { mon: ['17:00-09:00'] } })).toEqual([
      'invalid interval "17:00-09:00": the start must be before the end (use "24:00" for midnight)',
    ]);
    expect(messages({ ...valid, weekly: { mon: ['09:00-09:00'] } })).toHaveLength(1);
  });

  it('rejects intervals not written "HH:MM-HH:MM"', () => {
    expect(messages({ ...valid, weekly: { mon: ['9am-5pm'] } })).toEqual([
      'invalid interval "9am-5pm": expected "HH:MM-HH:MM" on a 24-hour clock, e.g. "09:00-17:00"',
    ]);
    for (const bad of ['9:00-17:00', '09:00-24:01', '24:00-24:00', '09:60-10:00', '09:00 - 17:00', '']) {
      expect(messages({ ...valid, weekly: { mon: [bad] } })).toHaveLength(1);
    }
  });

  it('reports where the error is', () => {
    const result = businessHoursSchema.safeParse({ ...valid, weekly: { tue: ['09:00-12:00', '9am-5pm'] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['weekly', 'tue', 1]);
  });

  it('rejects bad holiday dates and unknown day names', () => {
    expect(messages({ ...valid, holidays: ['2026-02-30'] })).toEqual([
      'invalid holiday "2026-02-30": expected a date "YYYY-MM-DD"',
    ]);
    expect(messages({ ...valid, holidays: ['24.12.2026'] })).toHaveLength(1);
    expect(messages({ ...valid, weekly: { monday: ['09:00-17:00'] } })).toHaveLength(1);
  });

  it('is enforced by the BusinessHours constructor', () => {
    expect(() => new BusinessHours({ ...valid, timeZone: 'Nowhere/Special' })).toThrow(/unknown time zone/);
    expect(() => new BusinessHours({ ...valid, weekly: { fri: ['17:00-09:00'] } })).toThrow(
      /start must be before/,
    );
  });
});
