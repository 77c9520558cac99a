#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

process.exitCode = main(process.argv.slice(2), {
  cwd: process.cwd(),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
