#!/usr/bin/env node
// `npm run bench`: how long `intc validate` takes, whole-process and per stage.
//
// Cases: the Telegram fixture and synthetic manifests with 10, 100 and 1000
// actions (scripts/synthetic-manifest.mjs, written to a temp folder). For
// each case:
//   - whole process: `node bin/intc.cjs validate <file>`, 1 warm-up run (which
//     also asserts exit 0 and records peak RSS) then the median of N runs;
//   - stages, in a fresh `node` process per case (so nothing compiled for one
//     case helps another): import time of dist/pipeline.js, then repeated
//     in-process runs of loadManifest (read + parse), checkMetaSchema,
//     checkManifest (with a fresh Program and SchemaCompiler, so no compiled
//     schema carries over) and the full validate([path]) as a cross-check;
//     "rest" (embedded schemas + rules) is checkManifest − meta. The V8 JIT
//     warms up across runs within that process, so both the first (cold)
//     run, which is what the CLI pays, and the median of the later (warm)
//     runs are reported.
// Prints a table, writes .bench/results.json, and exits 0 even when a target
// is missed (it is a report). Exits 1 only when the bench itself cannot run
// (e.g. a manifest that should be valid is not).
//
// Options: --runs <n> (whole-process runs, default 7), --stage-runs <n>
// (in-process runs, default 7, fewer for slow cases), --sizes 10,100,1000.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'intc.cjs');
const TELEGRAM = join(ROOT, 'fixtures', 'valid', 'telegram', 'integration.yaml');
const TARGETS = { telegram: 0.15, 'synthetic-1000': 1 };
/** Per-case time budget for the in-process stage runs, so the whole bench stays near 2 minutes. */
const STAGE_BUDGET_MS = 12_000;
/** A case whose warm-up run takes longer than this gets 5 whole-process runs instead of 7. */
const SLOW_RUN_S = 2;

class BenchError extends Error {}

try {
  if (process.argv[2] === '--stages-child') await stagesChild(process.argv[3], Number(process.argv[4]));
  else await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error?.stack ?? error}\n`);
  process.exitCode = 1;
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      'stage-runs': { type: 'string', default: '7' },
      sizes: { type: 'string', default: '10,100,1000' },
    },
  });
  const runs = positiveInt(values.runs, '--runs');
  const stageRuns = positiveInt(values['stage-runs'], '--stage-runs');
  const sizes = values.sizes.split(',').map((s) => positiveInt(s.trim(), '--sizes'));

  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'intc-bench-'));
  try {
    const rssHook = join(work, 'report-max-rss.mjs');
    writeFileSync(
      rssHook,
      "import { writeFileSync } from 'node:fs';\n" +
        "process.on('exit', () => { try { writeFileSync(process.env.INTC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });\n",
    );

    const { syntheticManifest } = await import('./synthetic-manifest.mjs');
    const cases = [{ name: 'telegram', file: TELEGRAM, actions: countActions(TELEGRAM) }];
    for (const size of sizes) {
      const folder = join(work, `synthetic-${size}`);
      mkdirSync(folder);
      const file = join(folder, 'integration.yaml');
      writeFileSync(file, syntheticManifest(size));
      cases.push({ name: `synthetic-${size}`, file, actions: size });
    }
    // For reference (no target): actions twice as heavy as the Telegram fixture's.
    const heavyFolder = join(work, 'heavy-1000');
    mkdirSync(heavyFolder);
    writeFileSync(join(heavyFolder, 'integration.yaml'), syntheticManifest(1000, { heavy: true }));
    cases.push({ name: 'heavy-1000', file: join(heavyFolder, 'integration.yaml'), actions: 1000 });

    log(`node ${process.version}, ${cpus().length} CPUs; whole-process runs: 1 warm-up + ${runs}`);
    const baseline = timeProcess(['-e', '0'], runs);
    log(`node -e 0: ${fmtS(baseline.medianS)} s`);

    const results = [];
    for (const c of cases) {
      const sizeKB = statSync(c.file).size / 1024;
      // Warm-up, and the guard: never benchmark an error path.
      const rssFile = join(work, `${c.name}.rss`);
      const warm = run(['--import', pathToFileURL(rssHook).href, BIN, 'validate', c.file], { INTC_BENCH_RSS_FILE: rssFile });
      if (warm.status !== 0) {
        fail(`${c.name}: \`intc validate ${c.file}\` exited ${warm.status}, expected 0 — not benchmarking an error path.\n${warm.stdout}${warm.stderr}`);
      }
      const maxRssMB = readRssMB(rssFile);
      // A slow case gets at most 5 runs, so the bench stays near 2 minutes.
      const caseRuns = warm.seconds > SLOW_RUN_S ? Math.min(runs, 5) : runs;
      const whole = timeProcess([BIN, 'validate', c.file], caseRuns, { label: c.name, warmUp: false });
      const stages = measureStages(c.file, stageRuns, warm.seconds * 1000);
      const target = TARGETS[c.name];
      const row = {
        case: c.name,
        file: c.name === 'telegram' ? 'fixtures/valid/telegram/integration.yaml' : `syntheticManifest(${c.actions}), in a temp folder`,
        sizeKB: round(sizeKB, 1),
        actions: c.actions,
        wholeProcess: { medianS: round(whole.medianS, 4), minS: round(whole.minS, 4), maxS: round(whole.maxS, 4), runs: whole.samples.length, samplesS: whole.samples.map((s) => round(s, 4)) },
        maxRssMB,
        stages,
        targetS: target ?? null,
        pass: target === undefined ? null : whole.medianS <= target,
      };
      results.push(row);
      log(
        `${c.name}: ${fmtS(whole.medianS)} s whole-process; import ${fmtMs(stages.importMs)}, load ${fmtMs(stages.median.loadMs)}, ` +
          `meta ${fmtMs(stages.median.metaMs)}, rest ${fmtMs(stages.median.restMs)} ms (in-process, ${stages.runs} runs)`,
      );
    }

    const report = {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? null,
      // Other work on the machine skews wall-clock times; > CPUs means contention.
      loadAverage: loadavg().map((n) => round(n, 2)),
      runs,
      baseline: { command: 'node -e 0', medianS: round(baseline.medianS, 4), samplesS: baseline.samples.map((s) => round(s, 4)) },
      notes: [
        'wholeProcess: wall-clock of `node bin/intc.cjs validate <file>`, median after 1 warm-up run (5 runs instead of 7 when a run takes > 2 s).',
        'stages: in a fresh process per case; importMs = first import of dist/pipeline.js; load = loadManifest (read + parse); ' +
          'meta = checkMetaSchema; rest = checkManifest − meta (embedded schemas + rules, fresh Program and SchemaCompiler); ' +
          'fullMs = validate([path]). median = warm runs in that process; cold = its first run (what the CLI pays).',
        'maxRssMB: peak RSS of the warm-up run (process.resourceUsage().maxRSS via --import hook).',
      ],
      cases: results,
      benchSeconds: 0,
    };
    report.benchSeconds = round((performance.now() - started) / 1000, 1);
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(join(ROOT, '.bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

    printTable(report);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** In-process stage times for one manifest, in a fresh node process. */
function measureStages(file, requestedRuns, warmMs) {
  // A slow case gets fewer runs, so the bench stays within its time budget.
  const perRunMs = Math.max(1, warmMs * 1.5);
  const runs = Math.max(3, Math.min(requestedRuns, Math.floor(STAGE_BUDGET_MS / perRunMs)));
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--stages-child', file, String(runs)], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) fail(`stage measurement failed for ${file} (exit ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout);
}

async function stagesChild(file, runs) {
  const dist = (path) => pathToFileURL(join(ROOT, 'dist', path)).href;
  const t0 = performance.now();
  const { validate } = await import(dist('pipeline.js'));
  const importMs = performance.now() - t0;
  const { loadManifest } = await import(dist('load/load-manifest.js'));
  const { checkMetaSchema } = await import(dist('validate/meta-schema.js'));
  const { checkManifest } = await import(dist('validate/check-manifest.js'));
  const { Program } = await import(dist('program.js'));
  const { SchemaCompiler } = await import(dist('validate/schema-compiler.js'));
  const { DEFAULT_MAX_FILE_BYTES } = await import(dist('load/read-source.js'));
  const gc = globalThis.gc ?? (() => {});
  const time = (fn) => {
    gc();
    const t = performance.now();
    const value = fn();
    return [value, performance.now() - t];
  };

  // Each run: the stages one by one, in the order validate() runs them, then
  // validate() itself. rest = checkManifest − meta (embedded schemas + rules);
  // a fresh Program and SchemaCompiler each run, so no compiled schema is reused.
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    const [loaded, loadMs] = time(() => loadManifest(file, { maxBytes: DEFAULT_MAX_FILE_BYTES }));
    if (!loaded.manifest || loaded.diagnostics.length > 0) throw new Error(`loadManifest(${file}) reported problems`);
    const [meta, metaMs] = time(() => checkMetaSchema(loaded.manifest));
    if (meta.diagnostics.length > 0) throw new Error(`checkMetaSchema(${file}) reported ${meta.diagnostics.length} problems`);
    const [checked, checkMs] = time(() => checkManifest(loaded.manifest, new Program(), new SchemaCompiler()));
    if (checked.some((d) => d.severity === 'error')) throw new Error(`checkManifest(${file}) reported errors, first: ${checked[0].code}`);
    const [result, fullMs] = time(() => validate([file]));
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) throw new Error(`validate(${file}) reported ${errors.length} errors, first: ${errors[0].code}`);
    samples.push({ loadMs, metaMs, restMs: Math.max(0, checkMs - metaMs), fullMs });
  }
  const [cold, ...warm] = samples;
  const med = (key) => round(median(warm.map((s) => s[key])), 2);
  const out = {
    importMs: round(importMs, 2),
    runs,
    median: { loadMs: med('loadMs'), metaMs: med('metaMs'), restMs: med('restMs'), fullMs: med('fullMs') },
    // The first run in the process, as the CLI experiences it (except fullMs, which follows three warm-up stages).
    cold: Object.fromEntries(Object.entries(cold).map(([k, v]) => [k, round(v, 2)])),
  };
  process.stdout.write(JSON.stringify(out));
}

function timeProcess(args, runs, { label = args.join(' '), warmUp = true } = {}) {
  if (warmUp) run(args); // file cache, V8 code cache
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = run(args);
    if (r.status !== 0) fail(`${label}: run ${i + 1} exited ${r.status}\n${r.stdout}${r.stderr}`);
    samples.push(r.seconds);
  }
  return { samples, medianS: median(samples), minS: Math.min(...samples), maxS: Math.max(...samples) };
}

function run(args, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.error) fail(`could not run node ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds };
}

function printTable(report) {
  const header = ['case', 'KB', 'actions', 'process s', 'over node', 'import', 'load', 'meta', 'rest', 'cold load', 'cold meta', 'cold rest', 'RSS MB', 'target', 'result'];
  const rows = report.cases.map((c) => [
    c.case,
    c.sizeKB.toFixed(0),
    String(c.actions),
    fmtS(c.wholeProcess.medianS),
    fmtS(c.wholeProcess.medianS - report.baseline.medianS),
    fmtMs(c.stages.importMs),
    fmtMs(c.stages.median.loadMs),
    fmtMs(c.stages.median.metaMs),
    fmtMs(c.stages.median.restMs),
    fmtMs(c.stages.cold.loadMs),
    fmtMs(c.stages.cold.metaMs),
    fmtMs(c.stages.cold.restMs),
    c.maxRssMB === null ? '-' : c.maxRssMB.toFixed(0),
    c.targetS === null ? '-' : `<= ${c.targetS} s`,
    c.pass === null ? '-' : c.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const out = [
    '',
    `intc validate benchmark - node ${report.node}, ${report.platform}, ${report.cpus} CPUs, load average ${report.loadAverage.join(' ')}`,
    `baseline \`node -e 0\`: ${fmtS(report.baseline.medianS)} s (median of ${report.runs})`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `process s: median wall-clock of \`node bin/intc.cjs validate <file>\` (1 warm-up + ${report.runs} runs; 5 when a run takes > ${SLOW_RUN_S} s);`,
    'over node: process s minus the `node -e 0` baseline, i.e. what intc itself costs on this machine.',
    'import/load/meta/rest: ms in a fresh process per case; import = dist/pipeline.js; load = read + parse;',
    'rest = embedded schemas + rules. Plain columns are medians of warm in-process runs; cold = the first run, as the CLI pays it.',
  ];
  const misses = report.cases.filter((c) => c.pass === false);
  if (misses.length > 0) {
    out.push('', `MISSED ${misses.length} target(s):`);
    for (const c of misses) out.push(`  FAIL ${c.case}: ${fmtS(c.wholeProcess.medianS)} s > ${c.targetS} s (${(c.wholeProcess.medianS / c.targetS).toFixed(1)}x the target)`);
  } else {
    out.push('', 'All targets met.');
  }
  out.push(`Results written to .bench/results.json (bench took ${report.benchSeconds} s).`, '');
  process.stdout.write(out.join('\n') + '\n');
}

function countActions(file) {
  const actions = parseYaml(readFileSync(file, 'utf8'))?.actions;
  return actions && typeof actions === 'object' ? Object.keys(actions).length : 0;
}

function readRssMB(file) {
  try {
    return round(Number(readFileSync(file, 'utf8')) / 1024, 1); // maxRSS is in KiB
  } catch {
    return null;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function positiveInt(text, flag) {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) fail(`${flag} must be a positive integer, not '${text}'`);
  return n;
}

function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function fmtS(seconds) {
  return seconds.toFixed(3);
}

function fmtMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

/** Aborts the bench (the temp folder is still removed). */
function fail(message) {
  throw new BenchError(message);
}
