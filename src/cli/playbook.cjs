#!/usr/bin/env node
// The `playbook` bin: runs the TypeScript CLI through tsx, so no build step is needed.
'use strict';
require('tsx/cjs');
const { main, processIo } = require('./main.ts');

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
