/**
 * "Monday 23 November at 09:00 EET": in the visitor's locale (`formattingLocale`: "en-GB" → "3 December",
 * "en-US" → "December 3") and in their time zone when the channel knows it, else the team's.
 */
export function formatWhen(at: Date, locale: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(at);
  }
}
