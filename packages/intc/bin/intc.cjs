#!/usr/bin/env node
// The CLI runs from one bundled file (dist/intc.cjs) for start-up speed.
'use strict';

const argv = process.argv.slice(2);
const wantsColor = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

// `intc generate` where nothing changed (the prebuild case) is answered from the
// run records by a small bundle, before the big one is loaded. Any doubt, or a
// missing dist/intc-fast.cjs, falls through to the full run.
if (!(argv[0] === 'generate' && !process.env.INTC_NO_CACHE && answeredFast(argv.slice(1)))) runFull();

function runFull() {
  // A reader that goes away (`intc validate | head`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { main } = require('../dist/intc.cjs');
  const io = {
    cwd: process.cwd(),
    color: wantsColor(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // A bare `generate --force` asks before overwriting stubs, only where someone can answer.
    confirm: process.stdin.isTTY && process.stderr.isTTY ? confirm : undefined,
  };
  // main resolves to the exit code (a build before `generate` returned it directly).
  Promise.resolve(main(argv, io)).then((code) => {
    process.exitCode = code;
  });
}

/** Asks a yes/no question on the terminal (stderr, so stdout stays the report); only `y` or `yes` is a yes. */
function confirm(question) {
  return new Promise((resolve) => {
    const prompt = require('node:readline').createInterface({ input: process.stdin, output: process.stderr });
    prompt.question(question, (answer) => {
      prompt.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

function answeredFast(args) {
  let answer;
  try {
    answer = require('../dist/intc-fast.cjs').fastGenerate(args, {
      cwd: process.cwd(),
      get color() {
        return wantsColor(); // only asked when there are diagnostics to print
      },
    });
  } catch {
    return false;
  }
  if (!answer) return false;
  writeStdout(answer.output);
  process.exitCode = answer.code;
  return true;
}

/** fs.writeSync rather than process.stdout: creating the stream loads ~8 ms of Node's stream code. */
function writeStdout(text) {
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += require('node:fs').writeSync(1, bytes, offset);
  } catch (error) {
    if (error.code === 'EAGAIN') process.stdout.write(bytes.subarray(offset));
    else if (error.code !== 'EPIPE') throw error;
  }
}
