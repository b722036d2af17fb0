import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { AppError } from '../common/errors.js';
import { alwaysOpen, businessHoursSchema, type BusinessHoursConfig } from '../handoff/business-hours.js';

export const businessHoursFile = 'business-hours.yml';

/**
 * The team's hours from `<content>/business-hours.yml` (time zone, weekly schedule, holidays); without
 * the file the team is always in. A bad file stops the start with every problem listed.
 */
export function readBusinessHours(contentDir: string): BusinessHoursConfig {
  const file = path.join(contentDir, businessHoursFile);
  if (!existsSync(file)) return alwaysOpen;
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `${file}: ${err instanceof Error ? err.message.split('\n')[0] : 'invalid YAML'}`,
    );
  }
  const parsed = businessHoursSchema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid business hours (${details.length} problem(s))`, details);
  }
  return parsed.data;
}
