const BASE62_ID = /^[0-9A-Za-z]{18}$/;

/** JFramework ids are 18-character base62 strings, as in seed 000's examples. */
export function isBase62Id(value: unknown): value is string {
  return typeof value === 'string' && BASE62_ID.test(value);
}
