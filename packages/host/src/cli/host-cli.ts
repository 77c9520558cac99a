/**
 * The `intc-host` command (the bin of `@intc/host`), and what `intc serve`
 * runs: `serve [folder...]` hosts the built project in production. Exit 0
 * after a graceful shutdown, 1 when the project or its database cannot
 * start, 2 for a usage error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProjectError } from '../http/host-errors.js';
import { findBuiltEntry } from '../http/built-entry.js';
import { projectFromFolders } from '../http/project-folders.js';
import { importDefault } from '../http/project.js';
import { closeOnSignals, describeListenError, startHost } from '../serve.js';
import { StoreError } from '../store/errors.js';
import { HostUsageError, parseServeArgs, SERVE_USAGE } from './serve-options.js';

export interface HostCliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Stops the server when the command runs in-process (else SIGTERM/SIGINT). */
  readonly signal?: AbortSignal;
}

const USAGE = `Usage: intc-host <command> [options]

Commands:
  serve [folder...]   run the built integrations and bots over HTTP (intc-host serve --help)

Options:
  -v, --version       print the version
  -h, --help          show this help
`;

export async function runHostCli(argv: readonly string[], io: HostCliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return runServe(rest, io);
    case '-v':
    case '--version':
      io.stdout(`${version()}\n`);
      return 0;
    case undefined:
    case '-h':
    case '--help':
      io.stdout(USAGE);
      return 0;
    default:
      io.stderr(`intc-host: Unknown command '${command}'.\n\n${USAGE}`);
      return 2;
  }
}

/** `serve [folder...]`: resolves with the exit code once the host has stopped (or could not start). */
export async function runServe(argv: readonly string[], io: HostCliIo): Promise<number> {
  let args;
  try {
    args = parseServeArgs(argv, io.env);
  } catch (error) {
    if (error instanceof HostUsageError || (error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`intc serve: ${error.message}\n\n${SERVE_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  const folders = args.folders.map((folder) => resolve(io.cwd, folder));
  let started;
  try {
    const project = projectFromFolders(
      folders.map((folder) => ({ folder })),
      (folder) => () => importDefault(findBuiltEntry(folder)),
    );
    started = await startHost({
      mode: 'serve',
      host: args.host,
      port: args.port,
      database: args.database ?? resolve(folders[0]!, '.intc', 'state.db'),
      publicUrl: args.publicUrl,
      env: io.env,
      log: args.log,
      write: io.stdout,
      limits: args.limits,
    });
    try {
      await started.host.load(project);
    } catch (error) {
      await started.host.close();
      io.stderr(`intc serve: Cannot start the project: ${(error as Error).message}\n`);
      return 1;
    }
  } catch (error) {
    const message = describeListenError(error, args.host, args.port) ?? (error instanceof ProjectError || error instanceof StoreError ? error.message : undefined);
    if (message === undefined) throw error;
    io.stderr(`intc serve: ${message}\n`);
    return 1;
  }
  const { host, log } = started;
  log.info(`Serving ${[...host.targets.keys()].join(', ')}.`, { targets: [...host.targets.keys()] });
  if (args.register) await host.registerAll();
  await closeOnSignals(host, io.signal);
  return 0;
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
