'use strict';
/*
 * `npm start`: compile when src/ changed since the last build, then run the
 * server in this very process. npm runs this script with `exec`, so the
 * process npm forwards SIGTERM and SIGINT to is the server itself.
 */
// V8's code cache on disk (os.tmpdir()/node-compile-cache): later starts parse less.
require('node:module').enableCompileCache?.();
const { ensureBuilt } = require('./build');

if (!ensureBuilt()) {
  process.stderr.write('start-up failed: the TypeScript build failed (errors above)\n');
  process.exit(1);
}
require('../dist/src/bootstrap/main.js');
