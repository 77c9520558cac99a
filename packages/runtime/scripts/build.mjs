// Builds @intc/runtime into dist/, for ESM and CommonJS projects alike:
// - dist/esm/index.js and dist/cjs/index.js: src/index.ts bundled by esbuild, one file per
//   format, with Ajv's run-time helpers inside (ajv/dist/runtime/{equal,ucs2length,uri},
//   ajv-formats's formats and what they require), so the package has no dependencies: Ajv
//   itself installs at 2.5 MB. The bundled packages' licences are in THIRD_PARTY_NOTICES.md;
//   the build fails when what it bundles and that file disagree;
// - declarations (tsc, emitDeclarationOnly) in dist/esm/ and the same files in dist/cjs/, where
//   dist/cjs/package.json (`"type": "commonjs"`) makes Node and TypeScript (`nodenext`) read the
//   folder as CommonJS;
// - no source maps: a stack trace points into the bundle the package ships.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const declarations = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
if (declarations.status !== 0) process.exit(declarations.status ?? 1);

const bundled = new Set();
for (const [format, folder] of [['esm', 'esm'], ['cjs', 'cjs']]) {
  const result = await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: join(dist, folder, 'index.js'),
    bundle: true,
    platform: 'node',
    format,
    target: 'node20',
    legalComments: 'none',
    banner: { js: '// @intc/runtime. Parts of other packages are bundled in this file: see THIRD_PARTY_NOTICES.md for their licences.' },
    logLevel: 'warning',
    metafile: true,
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    if (name !== undefined) bundled.add(name);
  }
}

mkdirSync(join(dist, 'cjs'), { recursive: true });
for (const file of readdirSync(join(dist, 'esm'))) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(join(dist, 'esm', file), 'utf8');
  const external = /from '(?!\.)([^']+)'/.exec(text);
  if (external) throw new Error(`dist/esm/${file} refers to '${external[1]}': the runtime's declarations must stand alone`);
  copyFileSync(join(dist, 'esm', file), join(dist, 'cjs', file));
}
writeFileSync(join(dist, 'cjs', 'package.json'), '{ "type": "commonjs" }\n');

const notices = readFileSync(join(root, 'THIRD_PARTY_NOTICES.md'), 'utf8');
const noticed = new Set([...notices.matchAll(/^## (\S+)/gm)].map((m) => m[1]));
const unnoticed = [...bundled].filter((name) => !noticed.has(name));
const stale = [...noticed].filter((name) => !bundled.has(name));
if (unnoticed.length > 0 || stale.length > 0) {
  throw new Error(
    `THIRD_PARTY_NOTICES.md must list exactly the bundled packages: missing ${unnoticed.join(', ') || 'none'}; not bundled ${stale.join(', ') || 'none'}`,
  );
}
