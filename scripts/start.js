'use strict';
/*
 * `npm start`: compile when src/ changed since the last build, then run the
 * server in this very process. npm runs this script with `exec`, so the
 * process npm forwards SIGTERM and SIGINT to is the server itself.
 */
const { ensureBuilt } = require('./build');

if (!ensureBuilt()) {
  process.stderr.write('start-up failed: the TypeScript build failed (errors above)\n');
  process.exit(1);
}
require('../dist/src/bootstrap/main.js');
