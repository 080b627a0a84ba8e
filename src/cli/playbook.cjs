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
    // main() answers every failure itself; this is the last resort, one line unless --debug.
    const debug = process.argv.includes('--debug');
    process.stderr.write(`playbook: ${debug && error && error.stack ? error.stack : String(error && error.message ? error.message : error).split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
