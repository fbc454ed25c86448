'use strict';
/* `npm run cli -- <command>`: compile when src/ changed since the last build, then run the command line in this process. */
// V8's code cache on disk (os.tmpdir()/node-compile-cache): later starts parse less.
require('node:module').enableCompileCache?.();
const { ensureBuilt } = require('./build');

if (!ensureBuilt()) {
  process.stderr.write('the TypeScript build failed (errors above)\n');
  process.exit(1);
}
require('../dist/src/bootstrap/cli.js');
