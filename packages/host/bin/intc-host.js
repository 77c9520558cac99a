#!/usr/bin/env node
// `intc-host serve [folder…]`: the production host of an intc project (see README.md).
import { runHostCli } from '../dist/index.js';

process.exitCode = await runHostCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
