// Formatting of the values commands show: dates (relative and absolute, always UTC so output
// is the same on every machine), byte sizes, compute minutes, counts.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "about 3 hours ago", "in about 2 days" (gh's fuzzy style); "" for a missing or invalid date. */
export function formatRelativeTime(date: Date | string | undefined, now: Date): string {
  const d = toDate(date);
  if (!d) return '';
  const diff = now.getTime() - d.getTime();
  const ago = Math.abs(diff);
  let text: string;
  if (ago < MINUTE) return diff >= 0 ? 'less than a minute ago' : 'in less than a minute';
  else if (ago < HOUR) text = plural(Math.floor(ago / MINUTE), 'minute');
  else if (ago < DAY) text = plural(Math.floor(ago / HOUR), 'hour');
  else if (ago < 30 * DAY) text = plural(Math.floor(ago / DAY), 'day');
  else if (ago < 365 * DAY) text = plural(Math.floor(ago / (30 * DAY)), 'month');
  else text = plural(Math.floor(ago / (365 * DAY)), 'year');
  return diff >= 0 ? `about ${text} ago` : `in about ${text}`;
}

/** "2026-03-01". */
export function formatDate(date: Date | string | undefined): string {
  const d = toDate(date);
  return d ? d.toISOString().slice(0, 10) : '';
}

/** "2026-03-01 14:05 UTC". */
export function formatDateTime(date: Date | string | undefined): string {
  const d = toDate(date);
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** Decimal units, as Pipes bills storage: "0 B", "950 B", "1.5 kB", "20 GB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 100 ? Math.round(value).toString() : trimZeros(value.toFixed(1));
  return `${shown} ${units[unit]}`;
}

/** Milliseconds of compute as minutes, the unit Pipes bills in. */
export function minutesFromMs(ms: number): number {
  return ms / MINUTE;
}

/** "1,234 min", "0.5 min". */
export function formatMinutes(minutes: number): string {
  const shown = minutes >= 100 || Number.isInteger(minutes) ? Math.round(minutes) : Number(minutes.toFixed(1));
  return `${formatNumber(shown)} min`;
}

/** "12,345" — fixed locale so scripts and tests see the same text everywhere. */
export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function trimZeros(s: string): string {
  return s.replace(/\.0$/, '');
}

function toDate(date: Date | string | undefined): Date | undefined {
  if (date === undefined || date === '') return undefined;
  const d = typeof date === 'string' ? new Date(date) : date;
  return Number.isNaN(d.getTime()) ? undefined : d;
}
