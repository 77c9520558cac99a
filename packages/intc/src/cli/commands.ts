/**
 * The commands, one line each: the table of its command line (options,
 * help, exit codes) and how to run it. A command whose code loads on first
 * use keeps its table in a small *-usage.ts file, so `intc --help` and a
 * usage error never load that code.
 */
import type { CommandSpec } from './command-line.js';
import { DIFF_COMMAND } from './diff-usage.js';
import { DOCS_COMMAND } from './docs-usage.js';
import { GENERATE_COMMAND, runGenerate, type GenerateIo } from './generate-command.js';
import { IMPORT_COMMAND } from './import-usage.js';
import { loadImportCommand } from './load-import-command.js';
import { runStatus, STATUS_COMMAND } from './status-command.js';
import { runValidate, VALIDATE_COMMAND } from './validate-command.js';

export interface Command {
  readonly spec: CommandSpec;
  run(args: readonly string[], io: GenerateIo): number | Promise<number>;
}

export const COMMANDS: readonly Command[] = [
  { spec: VALIDATE_COMMAND, run: runValidate },
  { spec: GENERATE_COMMAND, run: runGenerate },
  { spec: IMPORT_COMMAND, run: async (args, io) => (await loadImportCommand()).runImport(args, io) },
  { spec: DIFF_COMMAND, run: async (args, io) => (await import('./diff-command.js')).runDiff(args, io) },
  { spec: DOCS_COMMAND, run: async (args, io) => (await import('./docs-command.js')).runDocs(args, io) },
  { spec: STATUS_COMMAND, run: runStatus },
];
