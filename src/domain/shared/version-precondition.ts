/**
 * What a conditional write demands of the stored version (If-Match, RFC 9110
 * §13.1.1): the version read earlier, or a list of versions of which any one
 * will do. Absent means an unconditional write.
 */
export type ExpectedVersion = number | readonly number[];

/** The demand as a list (empty when no version can match); undefined stays undefined. */
export function expectedVersions(expected: ExpectedVersion | undefined): readonly number[] | undefined {
  if (expected === undefined) return undefined;
  return typeof expected === 'number' ? [expected] : expected;
}

/** True when a write with this demand may change a resource at `current`. */
export function versionSatisfies(current: number, expected: readonly number[] | undefined): boolean {
  return expected === undefined || expected.includes(current);
}
