import { checkContentConfig } from './content-config.js';
import { AppError } from '../common/errors.js';
import { alwaysOpen, businessHoursSchema } from '../common/business-hours.js';
import { defaultTicketRules, ticketRulesSchema } from '../tickets/rules.js';

/**
 * The content folder's settings files (business hours, ticket rules); every problem of every file is
 * listed, with file and line, in one CONFIG_INVALID.
 */
export function readContentSettings(contentDir: string) {
  const hours = checkContentConfig(contentDir, 'business-hours.yml', businessHoursSchema, alwaysOpen);
  const rules = checkContentConfig(contentDir, 'tickets.yml', ticketRulesSchema, defaultTicketRules);
  const problems = [...hours.problems, ...rules.problems];
  if (problems.length > 0)
    throw new AppError(
      'CONFIG_INVALID',
      `The content settings have ${problems.length} problem(s).`,
      problems,
    );
  return { hours: hours.value, ticketRules: rules.value };
}
