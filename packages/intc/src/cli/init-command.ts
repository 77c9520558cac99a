import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { initProject, nextSteps } from '../init/init-project.js';
import type { Template } from '../init/project-files.js';
import { UsageError } from './find-manifests.js';
import { INIT_COMMAND } from './init-usage.js';
import { EXIT_ENVIRONMENT, EXIT_OK, type CliIo } from './io.js';
import { packageVersion } from './package-version.js';
import { readCommand } from './read-command.js';

/** `intc init [folder] [--template integration|interface|bot]`. */
export function runInit(args: readonly string[], io: CliIo): number {
  const input = readCommand(INIT_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const template: Template = input.values.template;
  const { positionals } = input;
  if (positionals.length > 1) throw new UsageError(`intc init creates one project; ${positionals.length} folders given.`);
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  if (isFile(folder)) throw new UsageError(`'${positionals[0]}' is a file; name a folder (it is created when missing).`);

  const result = initProject(folder, template, packageVersion());
  io.stdout(`${report(result, template, folder)}\n`);
  for (const { path, problem } of result.failed) io.stderr(`intc: cannot write '${path}': ${problem}\n`);
  if (result.failed.length > 0) return EXIT_ENVIRONMENT;
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
