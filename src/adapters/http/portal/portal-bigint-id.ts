/** What JSON.rawJSON makes (ES2025; Node.js 22 and 24 have it, TypeScript's ES2023 library does not declare it). */
type RawJson = object;
const rawJson = (JSON as unknown as { rawJSON(text: string): RawJson }).rawJSON;

/**
 * A bigint id (a bigserial, as its decimal string) where the portal answers
 * ids as JSON integers: a Number while that is exact, past 2^53 the digits
 * written as they are. Number() there would round it to another id; a string
 * would change the type of the field. A client that parses JSON into doubles
 * still rounds such an id on its side (docs/portal-surface.md).
 */
export function portalBigintId(id: string): number | RawJson {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : rawJson(id);
}
