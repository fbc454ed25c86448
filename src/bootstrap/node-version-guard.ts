import { supportedNodeRange, unsupportedNodeMessage } from './node-version';

/*
 * Imported first by the server (main.ts) and the command line (cli.ts), so
 * that it runs before any other module is loaded: on an unsupported Node
 * the process says so in one line and exits 1, instead of failing somewhere
 * inside a dependency. Through ./node-version it loads only node:fs,
 * node:path and semver (plain JavaScript that any Node since 10 runs), and must stay so.
 *
 * An engines range this cannot read lets the process go on (its unit test
 * reads package.json's, so that is caught before a release); a check that
 * is wrong must not stop a supported Node.
 */
let message: string | null = null;
try {
  message = unsupportedNodeMessage(process.version, supportedNodeRange());
} catch {
  message = null;
}
if (message !== null) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
