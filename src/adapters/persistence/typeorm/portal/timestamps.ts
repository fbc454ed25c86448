/** Rows read through json_agg carry timestamps as strings; plain rows as Dates. */
export type Timestamp = Date | string;

export function toDate(value: Timestamp): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toNullableDate(value: Timestamp | null): Date | null {
  return value === null ? null : toDate(value);
}
