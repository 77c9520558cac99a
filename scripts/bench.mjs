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
// Then `intc generate`, whole-process, on copies in a temp folder:
//   - cold: the generated folder removed before each run (stubs stay), for
//     Telegram, synthetic 100 and 1000 actions, and a bot installing 10
//     synthetic integrations of 20 actions each, with peak RSS;
//   - no change: a re-run where nothing changed (the prebuild case);
//   - watch: `intc generate --watch` on Telegram, then one action's
//     description edited; the time from the write to the output file
//     (definition.json) holding the edit, median of several edits.
// Then the host (scripts/bench-host.mjs): `intc serve` on SQLite, webhooks/s and actions/s with
// p50/p99 latency for a handler that reads and writes one state, with 1 and 50 concurrent clients.
// Prints a table each, writes .bench/results.json, and exits 0 even when a
// target is missed (it is a report). Exits 1 only when the bench itself
// cannot run (e.g. a manifest that should be valid is not).
//
// Options: --runs <n> (whole-process runs, default 7), --stage-runs <n>
// (in-process runs, default 7, fewer for slow cases), --sizes 10,100,1000,
// --only validate|generate|host, --watch-edits <n> (default 9), --host-requests <n> (default 1000).
// INTC_BENCH_BIN runs another build's bin/intc.cjs.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = process.env.INTC_BENCH_BIN ?? join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
const TELEGRAM = join(ROOT, 'fixtures', 'valid', 'telegram', 'integration.yaml');
const TARGETS = { telegram: 0.15, 'synthetic-1000': 1 };
/** `intc generate` targets (seconds; watch in ms), per case and mode. */
const GENERATE_TARGETS = {
  'telegram cold': { s: 0.35 },
  'synthetic-100 cold': { s: 0.6 },
  'bot-10x20 cold': { s: 0.6 },
  'synthetic-1000 cold': { s: 2.5, rssMB: 250 },
  'telegram no change': { s: 0.12 },
  'telegram watch edit': { ms: 100 },
};
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
      only: { type: 'string' },
      'watch-edits': { type: 'string', default: '9' },
      'host-requests': { type: 'string', default: '1000' },
    },
  });
  if (values.only !== undefined && !['validate', 'generate', 'host'].includes(values.only)) fail(`--only must be 'validate', 'generate' or 'host', not '${values.only}'`);
  const hostRequests = positiveInt(values['host-requests'], '--host-requests');
  const runs = positiveInt(values.runs, '--runs');
  const watchEdits = positiveInt(values['watch-edits'], '--watch-edits');
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

    const { syntheticBotProject, syntheticManifest } = await import('./synthetic-manifest.mjs');
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
    for (const c of values.only === 'generate' || values.only === 'host' ? [] : cases) {
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
      generate: [],
      benchSeconds: 0,
    };
    if (values.only === undefined || values.only === 'generate') {
      const sources = [
        { name: 'telegram', folder: join(ROOT, 'fixtures', 'valid', 'telegram'), actions: countActions(TELEGRAM) },
        ...sizes.filter((n) => n === 100 || n === 1000).map((n) => ({ name: `synthetic-${n}`, text: syntheticManifest(n), actions: n })),
        // Interface resolution: the Anthropic fixture extending the LLM interface (merged, renamed, interfaces/llm.ts).
        { name: 'interfaces-llm', files: llmProject(), actions: 3 },
        // A bot installing 10 integrations of 20 actions each: bot.ts plus each integration's types.ts and spec.ts.
        { name: 'bot-10x20', files: syntheticBotProject(10, 20), actions: 200 },
      ];
      report.generate = benchGenerate(work, sources, { runs, rssHook, baselineS: baseline.medianS, validate: results });
      report.generate.push(await benchWatch(work, watchEdits));
      report.notes.push(
        'generate cold: `node bin/intc.cjs generate` in a copy of the project with src/generated removed before each run (stubs kept); ' +
          'no change: the same command again with nothing changed (at least 15 runs, each after a `node -e 0` run whose median is that row\'s baseline); RSS = peak of the warm-up run.',
        'generate watch edit: `intc generate --watch` on a Telegram copy; ms from writing an edited action description to definition.json holding it (median).',
      );
    }
    if (values.only === undefined || values.only === 'host') {
      const { benchHost } = await import('./bench-host.mjs');
      log(`host: intc serve on SQLite, ${hostRequests} requests per case`);
      report.host = await benchHost(work, { requests: hostRequests });
      report.notes.push(
        'host: `intc serve` of the tally test project (built with tsc) on SQLite; each request one updateState (read + write of one state) ' +
          'in a transaction with synchronous = FULL; perSecond = requests / wall time after 300 warm-up requests; p50/p99 per request; keep-alive clients in the bench process.',
      );
    }
    report.benchSeconds = round((performance.now() - started) / 1000, 1);
    mkdirSync(join(ROOT, '.bench'), { recursive: true });
    writeFileSync(join(ROOT, '.bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);

    if (report.cases.length > 0) printTable(report);
    if (report.generate.length > 0) printGenerateTable(report);
    if (report.host !== undefined) printHostTable(report.host);
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
  const dist = (path) => pathToFileURL(join(ROOT, 'packages', 'intc', 'dist', path)).href;
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

function run(args, env = {}, cwd = ROOT) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.error) fail(`could not run node ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, seconds };
}

/** Whole-process `intc generate`: cold (generated folder removed) and no-change re-runs. */
function benchGenerate(work, sources, { runs, rssHook, baselineS, validate }) {
  const rows = [];
  for (const source of sources) {
    const project = join(work, `generate-${source.name}`);
    if (source.folder) cpSync(source.folder, project, { recursive: true });
    else if (source.files) {
      for (const [path, text] of Object.entries(source.files)) {
        mkdirSync(join(project, dirname(path)), { recursive: true });
        writeFileSync(join(project, path), text);
      }
    } else {
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'integration.yaml'), source.text);
    }
    const generated = join(project, 'src', 'generated');
    const removeGenerated = () => rmSync(generated, { recursive: true, force: true });
    const validateS = validate.find((v) => v.case === source.name)?.wholeProcess.medianS ?? null;

    // First run: creates the stubs too (not timed); then the warm-up cold run records peak RSS.
    expectGenerate(run([BIN, 'generate'], {}, project), source.name, /^Generated /m);
    removeGenerated();
    const rssFile = join(work, `generate-${source.name}.rss`);
    const warm = run(['--import', pathToFileURL(rssHook).href, BIN, 'generate'], { INTC_BENCH_RSS_FILE: rssFile }, project);
    expectGenerate(warm, source.name, /^Generated /m);
    const caseRuns = warm.seconds > SLOW_RUN_S ? Math.min(runs, 5) : runs;
    const cold = timeRuns(caseRuns, () => {
      removeGenerated();
      return run([BIN, 'generate'], {}, project);
    }, `${source.name} cold`, /^Generated /m);
    rows.push(generateRow(source, 'cold', cold, readRssMB(rssFile), baselineS, validateS));
    log(`generate ${source.name} cold: ${fmtS(cold.medianS)} s, peak RSS ${readRssMB(rssFile) ?? '-'} MB`);

    // No change: within Node's own start-up, so `node -e 0` is timed alongside (interleaved) for a fair 'over node'.
    expectGenerate(run([BIN, 'generate'], {}, project), source.name, /^Nothing changed/m);
    const alongside = [];
    const unchanged = timeRuns(Math.max(runs, 15), () => {
      alongside.push(run(['-e', '0']).seconds);
      return run([BIN, 'generate'], {}, project);
    }, `${source.name} no change`, /^Nothing changed/m);
    rows.push(generateRow(source, 'no change', unchanged, null, median(alongside), validateS));
    log(`generate ${source.name} no change: ${fmtS(unchanged.medianS)} s (node -e 0 alongside: ${fmtS(median(alongside))} s)`);
  }
  return rows;
}

function timeRuns(runs, once, label, expected) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = once();
    expectGenerate(r, label, expected);
    samples.push(r.seconds);
  }
  return { samples, medianS: median(samples), minS: Math.min(...samples), maxS: Math.max(...samples) };
}

function expectGenerate(r, label, expected) {
  if (r.status !== 0 || !expected.test(r.stdout)) fail(`${label}: \`intc generate\` exited ${r.status}, expected 0 and ${expected}:\n${r.stdout}${r.stderr}`);
}

function generateRow(source, mode, timing, maxRssMB, baselineS, validateS) {
  const target = GENERATE_TARGETS[`${source.name} ${mode}`];
  const pass = target === undefined ? null : timing.medianS <= target.s && (target.rssMB === undefined || (maxRssMB ?? Infinity) <= target.rssMB);
  return {
    case: source.name,
    actions: source.actions,
    mode,
    wholeProcess: { medianS: round(timing.medianS, 4), minS: round(timing.minS, 4), maxS: round(timing.maxS, 4), runs: timing.samples.length, samplesS: timing.samples.map((x) => round(x, 4)) },
    overNodeS: round(timing.medianS - baselineS, 4),
    validateS: validateS === null ? null : round(validateS, 4),
    maxRssMB,
    target: target ?? null,
    pass,
  };
}

/** `intc generate --watch` on Telegram: ms from an edit of one action to the output holding it. */
async function benchWatch(work, edits) {
  const project = join(work, 'watch-telegram');
  cpSync(join(ROOT, 'fixtures', 'valid', 'telegram'), project, { recursive: true });
  const manifest = join(project, 'integration.yaml');
  const output = join(project, 'src', 'generated', 'definition.json');
  const original = readFileSync(manifest, 'utf8');
  const marker = 'description: Send a message to a Telegram chat';
  if (!original.includes(marker)) fail(`watch: the Telegram fixture no longer has '${marker}' to edit`);
  const child = spawn(process.execPath, [BIN, 'generate', '--watch'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const summaries = () => stdout.match(/^(Generated .*|Nothing changed: .*|Nothing written\.|Writing stopped .*)$/gm)?.length ?? 0;
  try {
    await until(() => stderr.includes('Watching'), 60_000, () => `watch did not start:\n${stdout}${stderr}`);
    const samples = [];
    for (let i = 1; i <= edits + 1; i++) {
      const before = summaries();
      const text = `Send a message to a Telegram chat (edit ${i})`;
      const started = performance.now();
      writeFileSync(manifest, original.replace(marker, `description: ${text}`));
      await until(() => existsSync(output) && readFileSync(output, 'utf8').includes(text), 30_000, () => `edit ${i} never reached the output:\n${stdout}${stderr}`, 1);
      const ms = performance.now() - started;
      await until(() => summaries() > before, 30_000, () => `edit ${i}: no summary:\n${stdout}${stderr}`);
      if (i > 1) samples.push(ms); // the first edit pays for loading the emitters in the watching process
      await sleep(150);
    }
    const result = { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples) };
    log(`generate telegram watch edit: ${fmtMs(result.medianMs)} ms (median of ${samples.length})`);
    const target = GENERATE_TARGETS['telegram watch edit'];
    return {
      case: 'telegram',
      actions: countActions(TELEGRAM),
      mode: 'watch edit',
      watch: { medianMs: round(result.medianMs, 1), minMs: round(result.minMs, 1), maxMs: round(result.maxMs, 1), edits: samples.length, samplesMs: samples.map((x) => round(x, 1)) },
      target,
      pass: result.medianMs <= target.ms,
    };
  } finally {
    child.kill('SIGINT');
    await new Promise((resolveExit) => (child.exitCode !== null ? resolveExit() : child.on('exit', resolveExit)));
  }
}

async function until(condition, timeoutMs, message, pollMs = 10) {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) fail(message());
    await sleep(pollMs);
  }
}

function sleep(ms) {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}

function printGenerateTable(report) {
  const header = ['case', 'actions', 'mode', 'process s', 'over node', 'validate s', 'RSS MB', 'target', 'result'];
  const rows = report.generate.map((g) => [
    g.case,
    String(g.actions),
    g.mode,
    g.watch ? `${fmtMs(g.watch.medianMs)} ms` : fmtS(g.wholeProcess.medianS),
    g.watch ? '-' : fmtS(g.overNodeS),
    g.validateS === null || g.validateS === undefined ? '-' : fmtS(g.validateS),
    g.maxRssMB === null || g.maxRssMB === undefined ? '-' : g.maxRssMB.toFixed(0),
    g.target === null ? '-' : g.target.ms !== undefined ? `<= ${g.target.ms} ms` : `<= ${g.target.s} s${g.target.rssMB ? `, ${g.target.rssMB} MB` : ''}`,
    g.pass === null ? '-' : g.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((cell, i) => (i === 0 || i === 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const out = [
    '',
    `intc generate benchmark - node ${report.node}, ${report.cpus} CPUs, load average ${report.loadAverage.join(' ')}; baseline \`node -e 0\`: ${fmtS(report.baseline.medianS)} s`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'cold: src/generated removed before each run (stubs kept); no change: a re-run with nothing changed; median of the runs.',
    'over node: minus the `node -e 0` baseline (for no change, the baseline timed alongside, run for run).',
    'validate s: `intc validate` on the same manifest (table above); watch edit: ms from writing the edit to the output holding it.',
  ];
  const misses = report.generate.filter((g) => g.pass === false);
  out.push('', misses.length > 0 ? `MISSED ${misses.length} generate target(s): ${misses.map((g) => `${g.case} ${g.mode}`).join(', ')}` : 'All generate targets met.', '');
  process.stdout.write(out.join('\n') + '\n');
}

function printHostTable(rows) {
  console.log('\nhost (intc serve, SQLite): a handler reading and writing one state\n');
  const header = ['route', 'clients', 'requests/s', 'p50 ms', 'p99 ms'];
  const lines = rows.map((r) => [r.route, String(r.concurrency), String(r.perSecond), String(r.p50Ms), String(r.p99Ms)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const line of [header, ...lines]) console.log(line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
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

/** The Anthropic integration and the interface it extends, side by side in one project. */
function llmProject() {
  const fixture = join(ROOT, 'fixtures', 'valid', 'llm');
  const integration = readFileSync(join(fixture, 'integrations', 'anthropic', 'integration.yaml'), 'utf8');
  return {
    'integration.yaml': integration.replace('from: ../../interfaces/llm/interface.yaml', 'from: ./interfaces/llm/interface.yaml'),
    'interfaces/llm/interface.yaml': readFileSync(join(fixture, 'interfaces', 'llm', 'interface.yaml'), 'utf8'),
  };
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
