#!/usr/bin/env node
/**
 * The long fuzz run (`npm run fuzz`): the property tests of test/fuzz/ with
 * many more cases and a random seed, printed so a failure can be replayed:
 *   FUZZ_SEED=<seed> npm run fuzz
 * FUZZ_RUNS sets the mutation cases (default 2000; a third more are drawn from
 * random manifests, and a twentieth go through the CLI), FUZZ_VALID_RUNS the
 * random valid manifests generated and type-checked (default 200).
 * The CLI cases need dist/ (`npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const seed = process.env.FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
const runs = Number(process.env.FUZZ_RUNS ?? 2000);
const validRuns = Number(process.env.FUZZ_VALID_RUNS ?? 200);
const cliRuns = Math.max(20, Math.round(runs / 20));
const total = runs + Math.ceil(runs / 3) + cliRuns + validRuns;

console.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed} npm run fuzz)`);
console.log(`fuzz: ${runs} mutated fixtures, ${Math.ceil(runs / 3)} mutated random manifests, ${cliRuns} CLI runs, ${validRuns} valid manifests generated and type-checked`);
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', 'test/fuzz'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: String(runs), FUZZ_VALID_RUNS: String(validRuns) },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const verdict = run.status === 0 ? 'passed' : 'FAILED';
console.log(`fuzz: ${total} cases ${verdict} in ${seconds} s (seed ${seed})`);
process.exit(run.status ?? 1);
