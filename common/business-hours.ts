import { z } from 'zod';

/** Business hours of a support team, in the team's own time zone (pure logic: zod + Intl only). */

const DAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type DayKey = (typeof DAY_KEYS)[number];

export interface BusinessHoursConfig {
  readonly timeZone: string; // IANA, e.g. 'Europe/Helsinki'
  /** Weekly schedule: day → list of "HH:MM-HH:MM" intervals in the team's local time; missing day = closed. */
  readonly weekly: Readonly<Partial<Record<DayKey, readonly string[]>>>;
  /** Closed all day on these local dates, 'YYYY-MM-DD'. */
  readonly holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead nextOpening (and addBusinessMinutes, between two open intervals) looks. */
const HORIZON_DAYS = 366;

const INTERVAL_RE = /^([01]\d|2[0-3]):([0-5]\d)-(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;

/** "HH:MM-HH:MM" → [start, end) in minutes after local midnight, or an error message. */
function parseInterval(text: string): readonly [number, number] | string {
  const m = INTERVAL_RE.exec(text);
  if (!m) return `invalid interval "${text}": expected "HH:MM-HH:MM" on a 24-hour clock, e.g. "09:00-17:00"`;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3] ?? m[5]) * 60 + Number(m[4] ?? m[6]);
  if (start >= end)
    return `invalid interval "${text}": the start must be before the end (use "24:00" for midnight)`;
  return [start, end];
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** A string schema whose values must pass `ok`, with a message naming the bad value. */
const checked = (ok: (text: string) => boolean, message: (text: string) => string) =>
  z.string().superRefine((text, ctx) => {
    if (!ok(text)) ctx.addIssue({ code: 'custom', message: message(text) });
  });

const intervalSchema = checked(
  (text) => typeof parseInterval(text) !== 'string',
  (text) => String(parseInterval(text)),
);
const daySchema = z.array(intervalSchema).readonly().optional();

export const businessHoursSchema: z.ZodType<BusinessHoursConfig> = z.object({
  timeZone: checked(
    isTimeZone,
    (tz) => `unknown time zone "${tz}": expected an IANA name such as "Europe/Helsinki"`,
  ),
  weekly: z
    .strictObject({
      mon: daySchema,
      tue: daySchema,
      wed: daySchema,
      thu: daySchema,
      fri: daySchema,
      sat: daySchema,
      sun: daySchema,
    })
    .readonly(),
  holidays: z
    .array(checked(isIsoDate, (d) => `invalid holiday "${d}": expected a date "YYYY-MM-DD"`))
    .readonly(),
});

const ALL_DAY = ['00:00-24:00'];
export const alwaysOpen: BusinessHoursConfig = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(DAY_KEYS.map((d) => [d, ALL_DAY])),
  holidays: [],
};

/** Sorted, merged [start, end) minute ranges of a day. */
function mergeIntervals(texts: readonly string[]): (readonly [number, number])[] {
  const parsed = texts
    .map(parseInterval)
    .filter((p): p is readonly [number, number] => typeof p !== 'string');
  parsed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of parsed) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

export class BusinessHours {
  private readonly format: Intl.DateTimeFormat;
  /** UTC offsets by whole-second instant (see `offset`). */
  private readonly offsets = new Map<number, number>();
  /** Index = day of week (0 = Sunday). */
  private readonly weekly: readonly (readonly (readonly [number, number])[])[];
  private readonly holidays: ReadonlySet<string>;
  /** The team's IANA time zone. */
  readonly timeZone: string;

  constructor(config: BusinessHoursConfig) {
    const valid = businessHoursSchema.parse(config);
    this.timeZone = valid.timeZone;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: valid.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.weekly = DAY_KEYS.map((key) => mergeIntervals(valid.weekly[key] ?? []));
    this.holidays = new Set(valid.holidays);
  }

  isOpen(at: Date): boolean {
    const t = at.getTime();
    const day = this.localDay(t);
    for (let d = day - 1; d <= day + 1; d++) {
      if (this.openIntervals(d).some(([s, e]) => s <= t && t < e)) return true;
    }
    return false;
  }

  /** The first instant >= at when it is open (at itself when open now); null if never open in the next 366 days. */
  nextOpening(at: Date): Date | null {
    const t = at.getTime();
    const first = this.localDay(t) - 1;
    for (let d = first; d <= first + HORIZON_DAYS + 2; d++) {
      for (const [s, e] of this.openIntervals(d)) {
        if (e > t) return s - t > HORIZON_DAYS * DAY ? null : new Date(Math.max(s, t));
      }
    }
    return null;
  }

  /**
   * Adds `minutes` of business time to `from` (counting only open time, skipping nights, weekends, holidays),
   * e.g. a 4-business-hour SLA. Returns the due instant. minutes=0 returns nextOpening(from).
   */
  addBusinessMinutes(from: Date, minutes: number): Date {
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
    }
    const never = (): never => {
      throw new RangeError(`never open in the ${HORIZON_DAYS} days after ${from.toISOString()}`);
    };
    if (minutes === 0) return this.nextOpening(from) ?? never();
    let cursor = from.getTime();
    let remaining = Math.round(minutes * MINUTE);
    let lastOpenDay = this.localDay(cursor);
    for (let d = lastOpenDay - 1; d - lastOpenDay <= HORIZON_DAYS + 2; d++) {
      for (const [s, e] of this.openIntervals(d)) {
        if (e <= cursor) continue;
        lastOpenDay = d;
        const start = Math.max(s, cursor);
        if (remaining <= e - start) return new Date(start + remaining);
        remaining -= e - start;
        cursor = e;
      }
    }
    return never();
  }

  /** Wall-clock time at `t`, as milliseconds since the epoch of a UTC clock showing the same (whole-second) time. */
  private wallClock(t: number): number {
    const p: Record<string, number> = {};
    for (const { type, value } of this.format.formatToParts(new Date(t))) p[type] = Number(value);
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  }

  /** UTC offset at `t` in milliseconds. */
  private offset(t: number): number {
    const whole = Math.floor(t / 1000) * 1000;
    let offset = this.offsets.get(whole);
    if (offset === undefined) {
      // The same few instants (a day's opening and closing, a day either side) come back on every check.
      if (this.offsets.size >= 4096) this.offsets.clear();
      offset = this.wallClock(whole) - whole;
      this.offsets.set(whole, offset);
    }
    return offset;
  }

  /** Local date at `t` as a day number (days since 1970-01-01). */
  private localDay(t: number): number {
    return Math.floor((t + this.offset(t)) / DAY);
  }

  /**
   * The instant of a local wall-clock time. Repeated times (fall back) give the earlier or later instant;
   * times in a spring-forward gap give the first valid instant after them (the transition).
   */
  private toInstant(wall: number, prefer: 'earlier' | 'later'): number {
    const before = this.offset(wall - DAY);
    const after = this.offset(wall + DAY);
    const candidates = [wall - before, wall - after, wall - this.offset(wall - before)];
    const valid = candidates.filter((t) => t + this.offset(t) === wall);
    if (valid.length > 0) return prefer === 'earlier' ? Math.min(...valid) : Math.max(...valid);
    // Gap: binary-search the transition between the two candidate instants (whole seconds).
    let lo = Math.min(wall - before, wall - after);
    let hi = Math.max(wall - before, wall - after);
    const loOffset = this.offset(lo);
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.offset(mid) === loOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** The open [start, end) instants of a local date, in order. */
  private openIntervals(day: number): (readonly [number, number])[] {
    const midnight = day * DAY;
    const date = new Date(midnight);
    if (this.holidays.has(date.toISOString().slice(0, 10))) return [];
    const ranges = this.weekly[date.getUTCDay()] ?? [];
    return ranges
      .map(
        ([s, e]) =>
          [
            this.toInstant(midnight + s * MINUTE, 'earlier'),
            this.toInstant(midnight + e * MINUTE, 'later'),
          ] as const,
      )
      .filter(([s, e]) => s < e);
  }
}
