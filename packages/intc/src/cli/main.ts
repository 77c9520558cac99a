import { readFileSync } from 'node:fs';
import { isUsageError, UsageError } from './find-manifests.js';
import { GENERATE_USAGE, runGenerate, type GenerateIo } from './generate-command.js';
import { IMPORT_USAGE } from './import-usage.js';
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { loadImportCommand } from './load-import-command.js';
import { DEV_USAGE } from './dev-command.js';
import { runStatus, STATUS_USAGE } from './status-command.js';
import { runValidate, VALIDATE_USAGE } from './validate-command.js';

const USAGE = `Usage: intc <command> [options]

Commands:
  validate [files...]   check manifests and report every problem with its location
  generate [files...]   generate typed code and handler stubs from integration manifests
  import [definitions]  convert Botpress integration.definition.ts files into manifests
  diff <old> <new>      report breaking, feature and patch changes and the version bump they need
  docs [manifest]       write the hub readme's reference section from the manifest
  status [files...]     show what is left to do in the handlers (TODO, stale, unwired)
  dev [files...]        generate, serve over HTTP on 127.0.0.1:3000 and reload on every change
  serve [folders...]    serve the built project in production (graceful shutdown, JSON logs)

Options:
  -v, --version         print the version
  -h, --help            show this help

Run 'intc <command> --help' for a command's options.
`;

const COMMAND_USAGES = new Map([
  ['validate', VALIDATE_USAGE],
  ['generate', GENERATE_USAGE],
  ['status', STATUS_USAGE],
  ['import', IMPORT_USAGE],
  ['dev', DEV_USAGE],
]);

/**
 * Runs one CLI invocation and resolves to its exit code; never rejects.
 * `io.signal` (optional) ends `generate --watch` when the CLI runs in-process.
 */
export async function main(argv: readonly string[], io: GenerateIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate':
        return runValidate(rest, io);
      case 'generate':
        return await runGenerate(rest, io);
      case 'import':
        return await (await loadImportCommand()).runImport(rest, io);
      // Loaded on use: validate and generate never pay for them.
      case 'diff':
        return await (await import('./diff-command.js')).runDiff(rest, io);
      case 'docs':
        return await (await import('./docs-command.js')).runDocs(rest, io);
      case 'status':
        return runStatus(rest, io);
      case 'dev':
        return await (await import('./dev-command.js')).runDev(rest, io);
      case 'serve':
        return await (await import('./dev-command.js')).runServe(rest, io);
      case '-v':
      case '--version':
        io.stdout(`${packageVersion()}\n`);
        return EXIT_OK;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return EXIT_OK;
      default:
        throw new UsageError(`Unknown command '${command}'.`);
    }
  } catch (error) {
    return reportFailure(error, io, COMMAND_USAGES.get(command ?? '') ?? USAGE);
  }
}


function reportFailure(error: unknown, io: CliIo, usage: string): number {
  if (isUsageError(error) || isParseArgsError(error)) {
    io.stderr(`intc: ${(error as Error).message}\n\n${usage}`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(
    `intc: internal compiler error: ${detail}\nThis is a bug in intc, not in your manifest. Please report it with the command and manifest that caused it.\n`,
  );
  if (process.env.INTC_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
  return EXIT_INTERNAL_ERROR;
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}
