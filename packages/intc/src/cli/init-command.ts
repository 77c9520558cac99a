import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initProject, nextSteps } from '../init/init-project.js';
import { TEMPLATES, type Template } from '../init/project-files.js';
import { withUsage } from './command-usage.js';
import { UsageError } from './find-manifests.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK, type CliIo } from './io.js';
import { packageVersion } from './package-version.js';

export const INIT_USAGE = `Usage: intc init [folder] [options]

Creates a new project in the folder (default: the current one) that builds
and tests as created: a commented starter manifest, a handler and a test,
package.json (intc and @intc/runtime at this intc's version), tsconfig,
.gitignore, ignore entries for the generated folder (Prettier, ESLint) and
editor settings associating the manifest schemas. A file that exists is never
overwritten: it is listed as skipped.

Options:
  --template <kind>  integration (default), interface (with an example implementation)
                     or bot (with an integration it installs)
  -h, --help         show this help

Exit codes: 0 created (files that existed skipped), 1 a file could not be written,
2 bad command line.
`;

/** `intc init [folder] [--template integration|interface|bot]`. */
export function runInit(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage(INIT_USAGE, io, () => init(args, io));
}

function init(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      template: { type: 'string', default: 'integration' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(INIT_USAGE);
    return EXIT_OK;
  }
  const template = TEMPLATES.find((name) => name === values.template);
  if (!template) throw new UsageError(`--template must be ${TEMPLATES.map((name) => `'${name}'`).join(', ')}, not '${values.template}'.`);
  if (positionals.length > 1) throw new UsageError(`intc init creates one project; ${positionals.length} folders given.`);
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (isFile(folder)) throw new UsageError(`'${positionals[0]}' is a file; name a folder (it is created when missing).`);

  const result = initProject(folder, template, packageVersion());
  io.stdout(`${report(result, template, folder)}\n`);
  for (const { path, problem } of result.failed) io.stderr(`intc: cannot write '${path}': ${problem}\n`);
  if (result.failed.length > 0) return EXIT_MANIFEST_ERRORS;
  io.stdout(`\nNext:\n${nextSteps(io.cwd, folder, template).map((line) => `  ${line}`).join('\n')}\n`);
  return EXIT_OK;
}

function report(result: ReturnType<typeof initProject>, template: Template, folder: string): string {
  const lines = [
    result.created.length > 0 ? `Created a${template === 'integration' || template === 'interface' ? 'n' : ''} ${template} project in ${folder}:` : `Nothing created in ${folder}:`,
    ...result.created.map((path) => `  created  ${path}`),
    ...result.skipped.map(({ path, reason }) => `  skipped  ${path} (${reason})`),
  ];
  return lines.join('\n');
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}
