import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

/*
 * The Node.js versions the service supports are written once, in
 * package.json's `engines.node`; npm only warns about them, and an older
 * Node fails later with an error that names neither (a missing API deep in
 * a dependency). The server and the command line import ./node-version-guard
 * first, which refuses an unsupported Node with one line, before anything
 * else is loaded. The range is read by `semver`, npm's own reader of it.
 */

/**
 * Whether `version` (as `process.version` writes it) is in `range` (as
 * `engines.node` writes it). A nightly or release candidate counts as its
 * version (`26.1.0-nightly…` is a 26). Throws on a range or version it
 * cannot read, rather than guessing.
 */
export function satisfies(version: string, range: string): boolean {
  if (semver.valid(version) === null) throw new Error(`not a Node.js version: "${version}"`);
  if (range.trim() === '' || semver.validRange(range) === null) throw new Error(`not a version range: "${range}"`);
  return semver.satisfies(version, range, { includePrerelease: true });
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
