#!/usr/bin/env node
// The CLI runs from one bundled file (dist/intc.cjs) for start-up speed.
const { main } = require('../dist/intc.cjs');

process.exitCode = main(process.argv.slice(2), {
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
