/** Told by the composition root how to recognise "the database is down". */
export type UnavailabilityCheck = (error: unknown) => boolean;

/** The only logging the HTTP layer needs; bootstrap plugs in pino. */
export interface HttpLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** pino's: lets a per-request line skip building its fields when the level is off. Absent → assumed on. */
  isLevelEnabled?(level: 'info'): boolean;
}
