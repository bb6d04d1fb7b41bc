/**
 * Pure time arithmetic for the job queue: when a daily job runs in a time zone, and how long
 * a failed run waits before the next attempt. No clock here; `now` is always passed in.
 */

/** `YYYY-MM-DD` of `instant` as a calendar date in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = partsIn(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function partsIn(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) out[part.type] = part.value;
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds (+1 h in Stockholm's winter). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time `HH:MM` happens on `date` in `timeZone`. A time skipped by the
 * spring change (02:30 on the last Sunday of March in Sweden) runs an hour later, at the first
 * wall-clock time that exists; a time that happens twice in autumn runs at the first of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Try the offsets in force shortly before and after: the earlier one that maps back to the
  // same wall time wins (the first of two in autumn).
  const candidates = [offsetMs(new Date(wall - 12 * 3600_000), timeZone), offsetMs(new Date(wall + 12 * 3600_000), timeZone)]
    .sort((a, b) => b - a)
    .map((offset) => wall - offset);
  for (const candidate of candidates) {
    if (candidate + offsetMs(new Date(candidate), timeZone) === wall) return new Date(candidate);
  }
  // Skipped wall time: use the offset in force before the change, which lands an hour later.
  return new Date(wall - offsetMs(new Date(wall - 12 * 3600_000), timeZone));
}

/** Validates `HH:MM` (00:00–23:59). */
export function isWallTime(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` failed: doubling from `baseMs`,
 * capped at `maxMs` (30 s, 1 min, 2 min, … by default), so a broken SMTP server is not hammered.
 */
export function retryDelayMs(attempt: number, baseMs = 30_000, maxMs = 3_600_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
