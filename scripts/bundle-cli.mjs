// Bundles the CLI into one CommonJS file (dist/intc.cjs): Node 20 resolves and
// links ~150 small ESM/CJS modules slower than it parses one file, and the
// CLI's start-up time is most of a small manifest's validation time.
// The library (dist/index.js) stays unbundled ESM with type declarations.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/intc.cjs`,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Loaded on first use with createRequire, from node_modules: validation never pays for them, and
  // ts-morph (with its own TypeScript) is loaded only when a handler stub needs an edit.
  external: ['json-schema-to-typescript', 'ts-morph', 'typescript', 'prettier'],
  // import.meta.url locates schema/ and package.json relative to the module; in the bundle that is dist/intc.cjs.
  define: { 'import.meta.url': '__intcModuleUrl' },
  banner: { js: "const __intcModuleUrl = require('node:url').pathToFileURL(__dirname + '/cli/main.js').href;" },
});
