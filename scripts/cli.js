'use strict';
/* `npm run cli -- <command>`: compile when src/ changed since the last build, then run the command line in this process. */
const { ensureBuilt } = require('./build');

if (!ensureBuilt()) {
  process.stderr.write('the TypeScript build failed (errors above)\n');
  process.exit(1);
}
require('../dist/src/bootstrap/cli.js');
