/**
 * Whether output is coloured: `--color` / `--no-color` on the command line,
 * else FORCE_COLOR, else NO_COLOR, else whether stdout is a terminal
 * (and not TERM=dumb). bin/intc.cjs asks colorFromEnvironment for the
 * default; main and the fast path of `intc generate` apply the flags.
 * No imports: the fast path bundles it.
 */
import type { Environment } from './io.js';

/**
 * FORCE_COLOR as Node and supports-color read it: `1`, `2`, `3`, `true`
 * or empty force colour, `0` or `false` turn it off; any other value (and
 * none) leaves the decision to the rest. FORCE_COLOR wins over NO_COLOR,
 * as in Node: it is the more specific request. NO_COLOR counts when it is
 * not empty (no-color.org).
 */
export function colorFromEnvironment(env: Environment, isTerminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === '1' || force === '2' || force === '3' || force === 'true') return true;
    if (force === '0' || force === 'false') return false;
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTerminal && env.TERM !== 'dumb';
}

/** The last `--color` or `--no-color` before `--`: true, false, or undefined when neither is given. */
export function colorFlag(args: readonly string[]): boolean | undefined {
  let color: boolean | undefined;
  for (const arg of args) {
    if (arg === '--') break;
    if (arg === '--color') color = true;
    else if (arg === '--no-color') color = false;
  }
  return color;
}
