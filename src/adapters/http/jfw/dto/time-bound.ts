import { registerDecorator } from 'class-validator';

/** What `from` and `to` of the audit list accept, as clients are told (400 message, OpenAPI). */
export const TIME_BOUND_RULE = 'must be an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction] with Z or ±HH:MM) or a date (YYYY-MM-DD)';

/**
 * RFC 3339 §5.6 `date-time` with an upper-case T and Z, or a `full-date`.
 * Not ISO 8601 at large: its week dates, ordinal dates, basic format, bare
 * hours and decimal commas pass class-validator's strict check, and PostgreSQL
 * cannot read them (22007, a 500). No offset means no instant: refused too.
 */
export const TIME_BOUND_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2})))?$/;

const DAY_MS = 86_400_000;

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Milliseconds since the epoch of a UTC calendar day; setUTCFullYear, because Date.UTC reads years 0–99 as 1900–1999. */
function utcDay(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * The instant a bound names, or null when the text is not one. A date alone
 * is its whole UTC day: `from` its first millisecond, `to` its last, so that
 * `from=to=2026-12-01` lists that day (both bounds are inclusive). Entries
 * are recorded to the millisecond, so finer fractions round inwards (`from`
 * up, `to` down) and the comparison stays exact. 24:00, leap seconds and
 * dates that do not exist (2026-02-30) are refused, not rolled over.
 */
export function parseTimeBound(text: string, side: 'from' | 'to'): Date | null {
  const m = TIME_BOUND_PATTERN.exec(text);
  if (m === null) return null;
  const n = (group: number) => Number(m[group] ?? 0);
  const [year, month, day] = [n(1), n(2), n(3)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const start = utcDay(year, month, day);
  if (m[4] === undefined) return new Date(side === 'from' ? start : start + DAY_MS - 1);
  const [hour, minute, second, offsetHours, offsetMinutes] = [n(4), n(5), n(6), n(9), n(10)];
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const nanos = Number((m[7] ?? '').padEnd(9, '0'));
  const millis = side === 'from' ? Math.ceil(nanos / 1e6) : Math.floor(nanos / 1e6);
  const offset = (m[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(start + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset);
}

/** A validated query's bound as the use case takes it; text that is none becomes an invalid Date, which the use case refuses rather than drop the filter. */
export function timeBound(text: string | undefined, side: 'from' | 'to'): Date | undefined {
  return text === undefined ? undefined : (parseTimeBound(text, side) ?? new Date(Number.NaN));
}

/** Applies parseTimeBound at the edge, so a bad bound is a 400 naming its field with the others. */
export function IsTimeBound(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTimeBound',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimeBound(value, 'from') !== null,
        defaultMessage: () => TIME_BOUND_RULE,
      },
    });
  };
}
