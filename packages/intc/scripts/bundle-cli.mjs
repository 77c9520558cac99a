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
// - dist/intc-import.cjs, `intc import` (src/import/), loaded by src/cli/load-import-command.ts only
//   when that command runs: it requires esbuild and the project's @botpress/sdk, which
//   validate and generate never load;
// - dist/intc-ajv.cjs and dist/intc-jstt.cjs, the packages loaded on first
//   use (src/load/bundled-require.ts; without these files, from node_modules):
//   Ajv with ajv-formats (~15 ms to load instead of ~45 ms), and
//   json-schema-to-typescript with prettier left out (loaded at import but
//   only used to format, which intc never asks for: ~45 ms instead of
//   ~100 ms). Each exports its packages by specifier.
// The library (dist/index.js) and the runtime (dist/runtime/) stay unbundled ESM with type declarations.
import { build } from 'esbuild';
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

await build({
  ...common,
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/intc.cjs`,
  // Loaded on first use, never part of this file (json-schema-to-typescript from dist/intc-jstt.cjs,
  // below, when it is there): validation never pays for them, and ts-morph (with its own TypeScript)
  // is loaded only when a handler stub needs an edit.
  external: ['json-schema-to-typescript', 'ts-morph', 'typescript', 'prettier'],
});

const fast = await build({
  ...common,
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
