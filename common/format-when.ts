/** "Monday 23 November, 09:00 EET": in the visitor's time zone when the channel knows it, else the team's. */
export function formatWhen(at: Date, lang: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(at);
  }
}
