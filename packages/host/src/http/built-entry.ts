/**
 * `intc serve` runs a project's built JavaScript, found without building
 * anything: `--entry <file>` when given, else the project's package.json
 * `main`, else `src/index.ts` as tsc compiles it to the tsconfig's
 * `outDir`. A file that is not there is an error that says to build first.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ProjectError } from './host-errors.js';

/** The built entry of the project in `folder` (absolute); throws `ProjectError` when there is none. */
export function findBuiltEntry(folder: string, entry?: string): string {
  if (entry !== undefined) return existing(resolve(folder, entry), folder, `--entry ${entry}`);
  const main = packageMain(folder);
  if (main !== undefined) return existing(resolve(folder, main), folder, `package.json "main" (${main})`);
  const candidates = tscOutputs(folder);
  const found = candidates.find((file) => existsSync(file));
  if (found !== undefined) return found;
  if (candidates.length > 0) {
    const shown = candidates.map((file) => relative(folder, file)).join(' or ');
    throw new ProjectError(`No built JavaScript in ${folder}: ${shown} (src/index.ts compiled to the tsconfig's outDir) does not exist. Run npm run build first.`);
  }
  throw new ProjectError(
    `No built JavaScript found for ${folder}: set "main" in its package.json (e.g. "dist/index.js") or an outDir in its tsconfig.json, or pass --entry <file>; run npm run build first.`,
  );
}

function existing(file: string, folder: string, source: string): string {
  if (existsSync(file)) return file;
  throw new ProjectError(`The built entry ${relative(folder, file) || file} (${source}) does not exist in ${folder}. Run npm run build first.`);
}

function packageMain(folder: string): string | undefined {
  const manifest = readLooseJson(join(folder, 'package.json')) as { main?: unknown } | undefined;
  return typeof manifest?.main === 'string' && manifest.main !== '' ? manifest.main : undefined;
}

/** Where tsc writes src/index.ts: `<outDir>/<path below rootDir>.js`, rootDir being the tsconfig's, or src/ or the folder (tsc's common root). */
function tscOutputs(folder: string): string[] {
  const config = readLooseJson(join(folder, 'tsconfig.json')) as { compilerOptions?: { outDir?: unknown; rootDir?: unknown } } | undefined;
  const outDir = config?.compilerOptions?.outDir;
  if (typeof outDir !== 'string') return [];
  const out = resolve(folder, outDir);
  const rootDir = config?.compilerOptions?.rootDir;
  const roots = typeof rootDir === 'string' ? [resolve(folder, rootDir)] : [join(folder, 'src'), folder];
  return roots.map((root) => join(out, relative(root, join(folder, 'src', 'index.js'))));
}

/** JSON, or JSON with comments and trailing commas (tsconfig.json); undefined when absent or unreadable. */
function readLooseJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(withoutComments(text).replace(/,(\s*[}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** The text without `//` and `/* … *\/` comments (strings left alone). */
function withoutComments(text: string): string {
  return text.replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, string: string | undefined) => string ?? '');
}
