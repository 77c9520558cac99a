#!/usr/bin/env node
// The CLI runs from one bundled file (dist/intc.cjs) for start-up speed.
const { main } = require('../dist/intc.cjs');

// A reader that goes away (`intc validate | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = main(process.argv.slice(2), {
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
