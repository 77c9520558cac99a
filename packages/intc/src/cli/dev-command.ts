/**
 * `intc dev [manifest or folder...]`: generates, then hosts the project's
 * integrations and bots over HTTP (on @intc/host), reloading on every
 * change; `intc serve` hands its arguments to @intc/host's own `serve`.
 * Both find @intc/host in the project (load-host.ts).
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DevSession } from '../dev/dev-session.js';
import { HostMissingError, loadHost, type HostPackage } from '../dev/load-host.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { parseGenerateArgs } from '../write/generate-options.js';
import { findManifests, UsageError } from './find-manifests.js';
import type { GenerateIo } from './generate-command.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK } from './io.js';

export const DEV_USAGE = `Usage: intc dev [manifest or folder...] [options]

Generates, then serves the integrations and bots over HTTP, and reloads on every change of a manifest,
a file it references or a handler source (TypeScript runs as it is: no build step). A failed reload
prints why and keeps serving the last good code. Needs @intc/host in the project.

  POST /webhooks/<name or alias>[/...]      the integration's webhook handler
  POST /actions/<name or alias>/<action>    an action: JSON input, JSON output (400: bad input)
  POST /register/<name or alias>, /unregister/<name or alias>
  GET  /healthz

Options:
  --port <n>              port (default 3000; 0: any free port)
  --host <address>        address (default 127.0.0.1)
  --database <location>   a SQLite file or a postgres:// URL (default .intc/state.db beside the first manifest)
  --public-url <url>      the URL platforms reach this host at (a tunnel's); webhook URLs are <url>/webhooks/<name>
  -h, --help              show this help
`;

interface DevArgs {
  readonly help: boolean;
  readonly manifests: readonly string[];
  readonly port: number;
  readonly host: string;
  readonly database: string | undefined;
  readonly publicUrl: string | undefined;
}

function parseDevArgs(argv: readonly string[]): DevArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      database: { type: 'string' },
      'public-url': { type: 'string' },
    },
  });
  const port = values.port ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port ${port}: write a port number from 0 to 65535 (0: any free port).`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) throw new UsageError(`--public-url ${publicUrl}: write an http:// or https:// URL.`);
  return { help: values.help === true, manifests: positionals, port: Number(port), host: values.host ?? '127.0.0.1', database: values.database, publicUrl };
}

/** Resolves with the exit code once the server has stopped (Ctrl-C, SIGTERM, or `io.signal`). */
export async function runDev(argv: readonly string[], io: GenerateIo): Promise<number> {
  const args = parseDevArgs(argv);
  if (args.help) {
    io.stdout(DEV_USAGE);
    return EXIT_OK;
  }
  const manifests = findManifests(args.manifests, io.cwd);
  const first = manifestInFolder(manifests[0]!) ?? manifests[0]!;
  const hostPackage = await hostOrMessage('dev', manifests.map((m) => (manifestInFolder(m) === undefined ? dirname(m) : m)).concat(io.cwd), io);
  if (hostPackage === undefined) return EXIT_MANIFEST_ERRORS;
  let started;
  try {
    started = await hostPackage.startHost({
      mode: 'dev',
      host: args.host,
      port: args.port,
      database: args.database ?? resolve(dirname(first), '.intc', 'state.db'),
      publicUrl: args.publicUrl,
      env: process.env,
      log: 'pretty',
      write: io.stdout,
    });
  } catch (error) {
    const message = hostPackage.describeListenError(error, args.host, args.port) ?? (error instanceof hostPackage.StoreError ? error.message : undefined);
    if (message === undefined) throw error;
    io.stderr(`intc dev: ${message}\n`);
    return EXIT_MANIFEST_ERRORS;
  }
  const { host } = started;
  const session = new DevSession({ manifests, generateArgs: parseGenerateArgs([]), io, hostPackage, host });
  const closed = hostPackage.closeOnSignals(host, io.signal);
  await session.start();
  await closed;
  session.close();
  return EXIT_OK;
}

/** `intc serve [folder...]`: @intc/host's serve command, as `intc-host serve` runs it. */
export async function runServe(argv: readonly string[], io: GenerateIo): Promise<number> {
  const folders = argv.filter((arg) => !arg.startsWith('-')).map((folder) => resolve(io.cwd, folder));
  const hostPackage = await hostOrMessage('serve', [...folders, io.cwd], io);
  if (hostPackage === undefined) return EXIT_MANIFEST_ERRORS;
  return hostPackage.runServe(argv, { cwd: io.cwd, env: process.env, stdout: io.stdout, stderr: io.stderr, ...(io.signal === undefined ? {} : { signal: io.signal }) });
}

async function hostOrMessage(command: 'dev' | 'serve', folders: readonly string[], io: GenerateIo): Promise<HostPackage | undefined> {
  try {
    return await loadHost(command, folders);
  } catch (error) {
    if (!(error instanceof HostMissingError)) throw error;
    io.stderr(`intc ${command}: ${error.message}\n`);
    return undefined;
  }
}
