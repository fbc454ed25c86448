'use strict';
/*
 * Build once, start many times. `npm ci` (the `prepare` script), `npm run
 * build` and the test scripts run `tsc --build`, which is incremental: it
 * recompiles what changed and does nothing when dist/ is current.
 *
 * `npm start` and `npm run cli` go through ensureBuilt(): a walk of the
 * modification times of src/ and tsconfig.json against the stamp the last
 * good build left (a few milliseconds), and `tsc --build` only when
 * something is newer. Spawning tsc just to learn that nothing changed costs
 * more than the walk (numbers in docs/adr/0008-build-once-start-from-the-build.md).
 */
const { spawnSync } = require('node:child_process');
const { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
/** Written after a build that succeeded, dated when that build started. */
const STAMP = join(ROOT, 'dist', '.build-ok');
/** What the compiled service depends on; test/ and bench/ only matter to their own scripts. */
const INPUTS = ['src', 'tsconfig.json'];

/** Newest mtime under `path`; directories count too, so a deleted or renamed file is noticed. */
function newestMtime(path) {
  const stat = statSync(path);
  let newest = stat.mtimeMs;
  if (stat.isDirectory()) for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when the last good build started after every change to src/ and tsconfig.json. */
function isCurrent() {
  let builtAt;
  try {
    builtAt = statSync(STAMP).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((input) => newestMtime(join(ROOT, input)) <= builtAt);
}

function typescriptCompiler() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  } catch {
    return undefined;
  }
}

/**
 * `tsc --build` (incremental). Its output goes to stderr, so a command whose
 * stdout is JSON stays parseable. Returns false when the build failed.
 */
function build() {
  const tsc = typescriptCompiler();
  if (tsc === undefined) {
    if (isCurrent()) return true;
    process.stderr.write('integration-hub: dist/ is missing or older than src/, and TypeScript is not installed to build it (run npm ci)\n');
    return false;
  }
  const startedAt = new Date();
  const result = spawnSync(process.execPath, [tsc, '--build', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) return false;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(STAMP, '');
  // Dated at the start: a file saved while tsc ran is newer than the stamp, so the next start compiles it.
  utimesSync(STAMP, startedAt, startedAt);
  return true;
}

/** Builds only when src/ or tsconfig.json changed since the last good build. */
function ensureBuilt() {
  if (isCurrent()) return true;
  process.stderr.write('integration-hub: src/ changed since the last build, compiling (tsc --build)…\n');
  return build();
}

module.exports = { build, ensureBuilt, isCurrent };

if (require.main === module) process.exit(build() ? 0 : 1);
