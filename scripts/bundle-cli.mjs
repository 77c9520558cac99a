// Bundles the CLI into CommonJS files bin/intc.cjs loads:
// - dist/intc.cjs, the whole CLI: Node 20 resolves and links ~150 small ESM/CJS
//   modules slower than it parses one file, and start-up is most of a small
//   manifest's validation time;
// - dist/intc-fast.cjs, the no-change check of `intc generate` (the prebuild
//   case), tried before the big bundle is loaded. It must stay small: only
//   node built-ins and intc's own modules.
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
  // import.meta.url locates schema/ and package.json relative to the module; in a bundle that is
  // dist/cli/main.js for both, so both compute the same tool id.
  define: { 'import.meta.url': '__intcModuleUrl' },
  banner: { js: "const __intcModuleUrl = require('node:url').pathToFileURL(__dirname + '/cli/main.js').href;" },
};

await build({
  ...common,
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/intc.cjs`,
  // Loaded on first use with createRequire, from node_modules: validation never pays for them, and
  // ts-morph (with its own TypeScript) is loaded only when a handler stub needs an edit.
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
