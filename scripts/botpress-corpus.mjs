#!/usr/bin/env node
// `npm run corpus -- <botpress checkout or bare git repository> [--json <file>] [--keep]`:
// imports EVERY integration of a Botpress repository with `intc import` and reports how many
// import, validate clean, generate and type-check, with the failures grouped by diagnostic.
//
// The integrations, interfaces and root tsconfig.json are copied to a temp folder (from a bare
// repository with `git archive HEAD`), with the @botpress/common shim of fixtures/botpress as its
// packages/common, and node_modules linked by scripts/botpress-workspace.mjs: @botpress/sdk 7.2.4
// (intc's devDependency), lodash and the tsafe/dedent shims; so a checkout needs no `pnpm install`.
// Each integration is imported on its own (one failing does not stop the others), in this
// process through dist/ (run `npm run build` first; `npm run corpus` does); the manifests are
// validated with the library; the clean ones generated with `intc generate` in one run, into
// intc/generated and intc/src of each integration (its src/ is Botpress's own code); and all that
// generated code and those stubs type-checked in one strict tsc program (bundler resolution, as
// Botpress bundles its integrations); and each generated definition.json held to the names
// (actions, events, channels and message types, states, entities, configuration properties) the
// SDK resolved for the definition after `.extend()`. Exit 0 (it is a report), 2 when it cannot run.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { BOTPRESS_FIXTURES, linkBotpressWorkspace } from './botpress-workspace.mjs';
import { definitionJsonNames, sdkDefinitionNames } from './definition-names.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Where each integration's generated code and stubs go (relative to its folder): its src/ is Botpress's own code. */
const OUT = 'intc/generated';
const SRC = 'intc/src';
const dist = (path) => import(pathToFileURL(join(root, 'packages', 'intc', 'dist', path)).href);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
if (positionals.length !== 1) {
  console.error('Usage: npm run corpus -- <botpress checkout or bare git repository> [--json <report file>] [--keep]');
  process.exit(2);
}
const source = resolve(positionals[0]);
const work = mkdtempSync(join(tmpdir(), 'intc-corpus-'));

try {
  const commit = materialize(source, work);
  cpSync(join(BOTPRESS_FIXTURES, 'packages', 'common'), join(work, 'packages', 'common'), { recursive: true });
  linkBotpressWorkspace(work);
  const names = readdirSync(join(work, 'integrations'))
    .filter((name) => existsSync(join(work, 'integrations', name, 'integration.definition.ts')))
    .sort();
  const imported = await importAll(names);
  const validated = await validateAll(imported.ok);
  const generated = generateAll(validated.clean);
  const typeChecked = typeCheckAll(generated.ok);
  const named = compareNames(generated.ok, imported.definitions);
  const report = {
    source,
    commit,
    integrations: names.length,
    imported: imported.ok.length,
    validateClean: validated.clean.length,
    generated: generated.ok.length,
    typeChecked: typeChecked.clean.length,
    namesMatch: named.matching.length,
    nameMismatches: named.mismatches,
    importFailures: imported.failures,
    validationErrors: validated.groups,
    validationWarnings: validated.warnings,
    generateFailures: generated.failures,
    typeErrors: typeChecked.groups,
  };
  console.log(formatReport(report));
  if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
} catch (error) {
  console.error(`corpus: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 2;
} finally {
  if (values.keep) console.log(`\nWorkspace kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Copies what loading the definitions needs into `work`; returns the commit when there is one. */
function materialize(from, to) {
  const git = (...args) => spawnSync('git', ['-C', from, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const bare = git('rev-parse', '--is-bare-repository').stdout.trim() === 'true';
  const commit = git('rev-parse', 'HEAD').stdout.trim() || undefined;
  const parts = ['integrations', 'interfaces', 'tsconfig.json'];
  if (bare) {
    const archive = spawnSync('git', ['-C', from, 'archive', '--format=tar', 'HEAD', ...parts], { maxBuffer: 1 << 30 });
    spawnSync('tar', ['-x', '-C', to], { input: archive.stdout, maxBuffer: 1 << 30 });
  } else {
    for (const part of parts) {
      if (existsSync(join(from, part))) cpSync(join(from, part), join(to, part), { recursive: true, filter: (path) => !path.split(sep).includes('node_modules') });
    }
  }
  if (!existsSync(join(to, 'integrations'))) throw new Error(`${from} has no integrations/ folder: name a Botpress checkout or its bare git repository`);
  return commit;
}

async function importAll(names) {
  const { importDefinition } = await dist('import/import-definition.js');
  const { assertWritable, writeImported } = await dist('import/write-imported.js');
  const { ImportFailure } = await dist('import/import-failure.js');
  const ok = [];
  const failures = [];
  const definitions = new Map();
  for (const name of names) {
    try {
      const result = await importDefinition(join('integrations', name), { cwd: work });
      assertWritable(result, true);
      writeImported(result);
      ok.push(name);
      definitions.set(name, result.definition);
    } catch (error) {
      if (!(error instanceof ImportFailure)) throw error;
      failures.push({ integration: name, diagnostics: error.diagnostics.map((d) => `${d.code}: ${d.message.split('\n')[0]}`) });
    }
  }
  return { ok, failures, definitions };
}

async function validateAll(names) {
  const { validate } = await dist('index.js');
  const clean = [];
  const groups = new Map();
  const warnings = new Map();
  for (const name of names) {
    const { diagnostics } = validate([join(work, 'integrations', name, 'integration.yaml')]);
    if (!diagnostics.some((d) => d.severity === 'error')) clean.push(name);
    for (const diagnostic of diagnostics) addToGroup(diagnostic.severity === 'error' ? groups : warnings, groupKey(diagnostic), name);
  }
  return { clean, groups: sortedGroups(groups), warnings: sortedGroups(warnings) };
}

/** One line per kind of problem: the code, and what the message names (keyword, property, kind of name). */
function groupKey({ code, message }) {
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  if (code === 'unknown-schema-keyword') return `${code} '${quoted[0]}'`;
  if (code === 'unknown-property') return `${code} '${quoted[0]}' in ${namesAsStars(quoted[1] ?? '')}`;
  if (code === 'invalid-name') return `${code}: ${message.split(' name ')[0]} names ${/must be ([^(.]+)/.exec(message)?.[1]?.trim() ?? ''}`;
  return `${code}: ${message.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 120)}`;
}

/** `interfaces.filesReadonly.actions.list` → `interfaces.*.actions.*`: the path's shape, not its names. */
function namesAsStars(path) {
  const maps = new Set(['interfaces', 'actions', 'events', 'channels', 'messages', 'entities', 'states', 'configurations', 'tags', 'secrets', 'properties']);
  const segments = path.split('.');
  return segments.map((segment, index) => (index > 0 && maps.has(segments[index - 1]) ? '*' : segment)).join('.');
}

function generateAll(names) {
  if (names.length === 0) return { ok: [], failures: [] };
  const run = (list) =>
    spawnSync(process.execPath, [join(root, 'packages', 'intc', 'bin', 'intc.cjs'), 'generate', ...list.map((name) => join('integrations', name)), '--out', OUT, '--src', SRC], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
  if (run(names).status === 0) return { ok: names, failures: [] };
  const ok = [];
  const failures = [];
  for (const name of names) {
    const result = run([name]);
    if (result.status === 0) ok.push(name);
    else failures.push({ integration: name, output: (result.stdout + result.stderr).trim().split('\n').slice(0, 5).join('\n') });
  }
  return { ok, failures };
}

function typeCheckAll(names) {
  const files = names.flatMap((name) => typeScriptFiles(join(work, 'integrations', name, 'intc')));
  if (files.length === 0) return { clean: [], groups: [] };
  const options = {
    strict: true,
    noEmit: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
    verbatimModuleSyntax: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
  const failing = new Set();
  const groups = new Map();
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file ? relative(join(work, 'integrations'), diagnostic.file.fileName) : '';
    const name = file.split(sep)[0] ?? '';
    if (!names.includes(name)) continue;
    failing.add(name);
    addToGroup(groups, `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/'[^']*'/g, "'…'").slice(0, 100)}`, name);
  }
  return { clean: names.filter((name) => !failing.has(name)), groups: sortedGroups(groups) };
}

/** Each generated definition.json against what the SDK resolved for its definition. */
function compareNames(names, definitions) {
  const { z } = createRequire(join(work, 'package.json'))('@botpress/sdk');
  const matching = [];
  const mismatches = [];
  for (const name of names) {
    const expected = sdkDefinitionNames(definitions.get(name), (schema) => z.transforms.toJSONSchema(schema));
    const actual = definitionJsonNames(JSON.parse(readFileSync(join(work, 'integrations', name, OUT, 'definition.json'), 'utf8')));
    if (JSON.stringify(sortKeys(expected)) === JSON.stringify(sortKeys(actual))) matching.push(name);
    else mismatches.push({ integration: name, expected, actual });
  }
  return { matching, mismatches };
}

function sortKeys(value) {
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key])]));
}

function typeScriptFiles(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? typeScriptFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

function addToGroup(groups, key, integration) {
  const group = groups.get(key) ?? { problem: key, occurrences: 0, integrations: new Set() };
  group.occurrences += 1;
  group.integrations.add(integration);
  groups.set(key, group);
}

function sortedGroups(groups) {
  return [...groups.values()]
    .map((group) => ({ problem: group.problem, integrations: [...group.integrations].sort(), occurrences: group.occurrences }))
    .sort((a, b) => b.integrations.length - a.integrations.length || b.occurrences - a.occurrences || (a.problem < b.problem ? -1 : 1));
}

function formatReport(report) {
  const lines = [
    `Botpress corpus: ${report.source}${report.commit ? ` at ${report.commit.slice(0, 12)}` : ''}, ${report.integrations} integrations`,
    `  imported        ${report.imported}/${report.integrations}`,
    `  validate clean  ${report.validateClean}/${report.imported}`,
    `  generate        ${report.generated}/${report.validateClean}`,
    `  type-check      ${report.typeChecked}/${report.generated}`,
    `  names match     ${report.namesMatch}/${report.generated}  (definition.json vs the SDK's definition after .extend())`,
  ];
  if (report.importFailures.length > 0) {
    lines.push('', `Import failures (${report.importFailures.length}):`);
    for (const failure of report.importFailures) lines.push(`  ${failure.integration}: ${failure.diagnostics.join('; ')}`);
  }
  const table = (title, groups) => {
    if (groups.length === 0) return;
    lines.push('', `${title} (integrations affected, occurrences):`);
    for (const group of groups) lines.push(`  ${String(group.integrations.length).padStart(3)} ${String(group.occurrences).padStart(6)}  ${group.problem}${group.integrations.length <= 6 ? `  [${group.integrations.join(', ')}]` : ''}`);
  };
  table('Validation errors by diagnostic', report.validationErrors);
  table('Validation warnings by diagnostic', report.validationWarnings);
  if (report.generateFailures.length > 0) {
    lines.push('', 'Generate failures:');
    for (const failure of report.generateFailures) lines.push(`  ${failure.integration}: ${failure.output}`);
  }
  table('Type errors', report.typeErrors);
  if (report.nameMismatches.length > 0) {
    lines.push('', 'definition.json names that differ from the SDK:');
    for (const mismatch of report.nameMismatches) lines.push(`  ${mismatch.integration}: expected ${JSON.stringify(mismatch.expected)}, got ${JSON.stringify(mismatch.actual)}`);
  }
  return lines.join('\n');
}
