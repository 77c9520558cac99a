#!/usr/bin/env node
// The CLI runs from one bundled file (dist/intc.cjs) for start-up speed,
// compiled from the V8 code cache the build saved beside it (src/load/code-cache.ts).
'use strict';

const argv = process.argv.slice(2);

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
  const { main, colorFromEnvironment } = requireBundle('intc.cjs');
  const io = {
    cwd: process.cwd(),
    env: process.env,
    // What the environment says (FORCE_COLOR, NO_COLOR, a terminal); --color/--no-color win, in main.
    color: colorFromEnvironment(process.env, Boolean(process.stdout.isTTY)),
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

/** One of dist/'s bundles, through dist/intc-code-cache.cjs (a plain require without it). */
function requireBundle(name) {
  const file = require('node:path').join(__dirname, '..', 'dist', name);
  let loader;
  try {
    loader = require('../dist/intc-code-cache.cjs');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    return require(file);
  }
  return loader.requireWithCodeCache(file);
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
    const fast = requireBundle('intc-fast.cjs');
    answer = fast.fastGenerate(args, {
      cwd: process.cwd(),
      env: process.env,
      get color() {
        // Only asked when there are diagnostics to print; isatty, because process.stdout costs ~8 ms to create.
        return fast.colorFromEnvironment(process.env, require('node:tty').isatty(1));
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
