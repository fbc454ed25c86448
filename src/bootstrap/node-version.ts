import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The Node.js versions the service supports are written once, in
 * package.json's `engines.node`; npm only warns about them, and an older
 * Node fails later with an error that names neither (a missing API deep in
 * a dependency). The server and the command line import ./node-version-guard
 * first, which refuses an unsupported Node with one line, before anything
 * else is loaded.
 *
 * Only the part of npm's range syntax that `engines` fields use is read
 * (`||` alternatives of space-separated comparators: `^`, `~`, `>=`, `>`,
 * `<=`, `<`, `=` or a bare version, `x`/`*` wildcards); anything else is an
 * error, so a range this cannot read fails its unit test rather than being
 * misread.
 */

type Version = readonly [number, number, number];

interface Comparator {
  readonly operator: '>=' | '>' | '<=' | '<' | '=';
  readonly version: Version;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** `v22.18.0`, `24.11.1`, `25.0.0-nightly2026…` → [major, minor, patch]; null when it is not a version. */
export function parseVersion(text: string): Version | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(text.trim());
  return match === null ? null : [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** One comparator token as lower/upper bounds (a caret or tilde range, or a wildcard, is two). */
function comparatorsOf(token: string): Comparator[] {
  const match = /^(\^|~|>=|<=|>|<|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(token);
  if (match === null) throw new Error(`unsupported version comparator "${token}"`);
  const operator = match[1] ?? '=';
  const wild = (part: string | undefined) => part === undefined || part === 'x' || part === '*';
  const major = Number(match[2]);
  const minorWild = wild(match[3]);
  const patchWild = minorWild || wild(match[4]);
  const minor = minorWild ? 0 : Number(match[3]);
  const patch = patchWild ? 0 : Number(match[4]);
  const low: Version = [major, minor, patch];
  // The first version past what the token allows, for ^, ~ and wildcards.
  const nextOf = (part: 'major' | 'minor'): Version => (part === 'major' ? [major + 1, 0, 0] : [major, minor + 1, 0]);
  switch (operator) {
    case '^': {
      // npm's caret: the left-most non-zero part may not change (^0.2.3 < 0.3.0, ^0.0.3 < 0.0.4).
      const upper: Version = major > 0 || minorWild ? nextOf('major') : minor > 0 || patchWild ? nextOf('minor') : [0, 0, patch + 1];
      return [{ operator: '>=', version: low }, { operator: '<', version: upper }];
    }
    case '~':
      return [{ operator: '>=', version: low }, { operator: '<', version: minorWild ? nextOf('major') : nextOf('minor') }];
    case '=':
      if (minorWild) return [{ operator: '>=', version: low }, { operator: '<', version: nextOf('major') }];
      if (patchWild) return [{ operator: '>=', version: low }, { operator: '<', version: nextOf('minor') }];
      return [{ operator: '=', version: low }];
    case '>':
      // `>24` means past every 24.x.
      if (minorWild) return [{ operator: '>=', version: nextOf('major') }];
      if (patchWild) return [{ operator: '>=', version: nextOf('minor') }];
      return [{ operator: '>', version: low }];
    case '<=':
      if (minorWild) return [{ operator: '<', version: nextOf('major') }];
      if (patchWild) return [{ operator: '<', version: nextOf('minor') }];
      return [{ operator: '<=', version: low }];
    default:
      return [{ operator: operator as '>=' | '<', version: low }];
  }
}

function holds(version: Version, { operator, version: bound }: Comparator): boolean {
  const order = compare(version, bound);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    default:
      return order === 0;
  }
}

/** Whether `version` (as `process.version` writes it) is in `range` (as `engines.node` writes it). Throws on a range or version it cannot read. */
export function satisfies(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (parsed === null) throw new Error(`not a Node.js version: "${version}"`);
  const alternatives = range.split('||').map((alternative) => alternative.trim().split(/\s+/).filter((token) => token !== ''));
  if (alternatives.some((tokens) => tokens.length === 0)) throw new Error(`empty alternative in version range "${range}"`);
  return alternatives.some((tokens) => tokens.flatMap(comparatorsOf).every((comparator) => holds(parsed, comparator)));
}

/** package.json's `engines.node`; package.json is three levels up from dist/src/bootstrap (and from src/bootstrap). */
export function supportedNodeRange(packageJsonPath = join(__dirname, '..', '..', '..', 'package.json')): string {
  const range = (JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { engines?: { node?: unknown } }).engines?.node;
  if (typeof range !== 'string') throw new Error(`${packageJsonPath} has no engines.node`);
  return range;
}

/** The line that refuses this Node, or null when it is supported. */
export function unsupportedNodeMessage(version: string, range: string): string | null {
  if (satisfies(version, range)) return null;
  return `integration-hub needs Node.js ${range} (package.json "engines"), found ${version}; see README "Run it" (scripts/use-node.sh)`;
}
