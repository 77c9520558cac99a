// Bundles the CLI into CommonJS files bin/intc.cjs loads:
// - dist/intc.cjs, the whole CLI: Node 20 resolves and links ~150 small ESM/CJS
//   modules slower than it parses one file, and start-up is most of a small
//   manifest's validation time;
// - dist/intc-fast.cjs, the no-change check of `intc generate` (the prebuild
//   case), tried before the big bundle is loaded. It must stay small: only
//   node built-ins and intc's own modules;
// - dist/intc-validators-worker.cjs, the worker thread `intc generate` emits
//   validators.ts in for large manifests (src/generate/worker-pool.ts). Like
//   the CLI bundle it holds js-yaml (it parses the manifests to emit ahead)
//   and loads Ajv on first use; without this file, validators.ts is emitted
//   in-process;
// - dist/intc-diff.cjs and dist/intc-docs.cjs, `intc diff` and `intc docs`, required by the CLI
//   bundle when the command runs (COMMANDS_ON_USE below);
// - dist/intc-import.cjs, `intc import` (src/import/), loaded by src/cli/load-import-command.ts only
//   when that command runs: it requires esbuild and the project's @botpress/sdk, which
//   validate and generate never load;
// - dist/intc-ajv.cjs and dist/intc-jstt.cjs, the packages loaded on first
//   use (src/load/bundled-require.ts; without these files, from node_modules):
//   Ajv with ajv-formats (~15 ms to load instead of ~45 ms), and
//   json-schema-to-typescript with prettier left out (loaded at import but
//   only used to format, which intc never asks for: ~45 ms instead of
//   ~100 ms). Each exports its packages by specifier.
// - dist/intc-code-cache.cjs (src/load/code-cache.ts), through which bin/intc.cjs and
//   src/load/bundled-require.ts load the others with V8's code cache: the last step below runs
//   `intc generate` twice on scripts/code-cache-training.yaml (a full run, then the no-change
//   one), and each bundle saves the code compiled for it beside it, as <bundle>.v8cache.
// The library (dist/index.js) and the runtime (dist/runtime/) stay unbundled ESM with type declarations.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta.url locates schema/, package.json, node_modules and the other bundles relative to
  // the module; in every bundle that is dist/cli/main.js, so the CLI and the fast path compute the
  // same tool id, and all find the same files.
  define: { 'import.meta.url': '__intcModuleUrl' },
  banner: { js: "const __intcModuleUrl = require('node:url').pathToFileURL(__dirname + '/cli/main.js').href;" },
};

/**
 * The bundles every run loads, intc's own code (and js-yaml): local names shortened too, which makes
 * them ~30% smaller to read and compile. Nothing of intc's depends on a function's or class's name
 * (errors that are told apart by name set \`name\` themselves). Ajv and json-schema-to-typescript keep
 * theirs: Ajv's standalone code is text built partly from its own functions.
 */
const OWN_CODE = { minifyIdentifiers: true };

/**
 * The commands src/cli/main.ts imports on use, each bundled on its own (below) and required by the CLI
 * bundle only when it runs. Bundled into it instead, a dynamic import makes esbuild wrap every module
 * they share with validate and generate in a lazy initializer, which costs every run its start-up.
 */
const COMMANDS_ON_USE = { './diff-command.js': 'intc-diff.cjs', './docs-command.js': 'intc-docs.cjs' };

await build({
  ...common,
  ...OWN_CODE,
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/intc.cjs`,
  // Loaded on first use, never part of this file (json-schema-to-typescript from dist/intc-jstt.cjs,
  // below, when it is there): validation never pays for them, and ts-morph (with its own TypeScript)
  // is loaded only when a handler stub needs an edit.
  external: ['json-schema-to-typescript', 'ts-morph', 'typescript', 'prettier'],
  plugins: [
    {
      name: 'commands-on-use',
      setup(build) {
        build.onResolve({ filter: /^\.\/(diff|docs)-command\.js$/ }, (args) =>
          args.kind === 'dynamic-import' ? { path: COMMANDS_ON_USE[args.path], namespace: 'command-on-use' } : undefined,
        );
        build.onLoad({ filter: /.*/, namespace: 'command-on-use' }, (args) => ({ contents: `module.exports = require('./${args.path}');`, loader: 'js' }));
        build.onResolve({ filter: /^\.\/intc-[a-z]+\.cjs$/ }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
});

for (const [command, bundle] of Object.entries(COMMANDS_ON_USE)) {
  await build({ ...common, entryPoints: [`${root}dist/cli/${command.slice(2)}`], outfile: `${root}dist/${bundle}` });
}

const fast = await build({
  ...common,
  ...OWN_CODE,
  entryPoints: [`${root}dist/write/fast-path.js`],
  outfile: `${root}dist/intc-fast.cjs`,
  metafile: true,
});
const fromPackages = Object.keys(fast.metafile.inputs).filter((input) => input.includes('node_modules'));
if (fromPackages.length > 0) throw new Error(`dist/intc-fast.cjs must not bundle packages: ${fromPackages.join(', ')}`);

await build({
  ...common,
  entryPoints: [`${root}dist/generate/validators-worker.js`],
  outfile: `${root}dist/intc-validators-worker.cjs`,
});

await build({
  ...common,
  entryPoints: [`${root}dist/import/import-command.js`],
  outfile: `${root}dist/intc-import.cjs`,
});

/** A bundle whose exports map each of `specifiers` to its module; `without` maps a package left out to the code standing in for it. */
async function bundlePackages(outfile, specifiers, without = {}) {
  const left = Object.keys(without);
  await build({
    ...common,
    stdin: { contents: `module.exports = {${specifiers.map((id) => `${JSON.stringify(id)}: require(${JSON.stringify(id)})`).join(', ')}};`, resolveDir: root, loader: 'js' },
    outfile,
    plugins: [
      {
        name: 'left-out',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => (left.includes(args.path) ? { path: args.path, namespace: 'left-out' } : undefined));
          build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: without[args.path], loader: 'js' }));
        },
      },
    ],
  });
}

// What src/emit/schema/ajv-standalone.ts and src/validate/schema-compiler.ts require, from one copy of Ajv's
// modules (the codegen classes must be the ones Ajv itself uses).
await bundlePackages(`${root}dist/intc-ajv.cjs`, ['ajv', 'ajv-formats', 'ajv/dist/compile/codegen/code', 'ajv/dist/compile/codegen/scope']);
// src/emit/schema/json-schema-to-typescript.ts always passes `format: false`, so prettier is never called.
await bundlePackages(`${root}dist/intc-jstt.cjs`, ['json-schema-to-typescript'], {
  prettier: "module.exports = { format() { throw new Error('intc bundles json-schema-to-typescript without prettier: format must stay false'); } };",
});

await build({
  ...common,
  entryPoints: [`${root}dist/load/code-cache.js`],
  outfile: `${root}dist/intc-code-cache.cjs`,
});

trainCodeCaches();

/**
 * Runs the built CLI on the training manifest with INTC_WRITE_CODE_CACHE=1: a full `generate` (the
 * CLI, Ajv and json-schema-to-typescript bundles save their caches at exit), then the no-change one
 * (the fast path's cache, from the run it answers).
 */
function trainCodeCaches() {
  const project = mkdtempSync(join(tmpdir(), 'intc-code-cache-'));
  try {
    copyFileSync(`${root}scripts/code-cache-training.yaml`, join(project, 'integration.yaml'));
    for (const expected of [/^Generated /m, /^Nothing changed/m]) {
      const run = spawnSync(process.execPath, [`${root}bin/intc.cjs`, 'generate'], {
        cwd: project,
        encoding: 'utf8',
        env: { ...process.env, INTC_WRITE_CODE_CACHE: '1', INTC_NO_WORKER: '1', NO_COLOR: '1' },
      });
      if (run.status !== 0 || !expected.test(run.stdout)) {
        throw new Error(`training the code caches: \`intc generate\` exited ${run.status}, expected 0 and ${expected}:\n${run.stdout}${run.stderr}`);
      }
    }
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
