/**
 * `intc dev [manifest or folder...]`: generates, then hosts the project's
 * integrations and bots over HTTP (on @intc/host), reloading on every
 * change; `intc serve` hands its arguments to @intc/host's own `serve`.
 * Both find @intc/host in the project (load-host.ts).
 */
import { dirname, resolve } from 'node:path';
import { DevSession } from '../dev/dev-session.js';
import { HostMissingError, loadHost, type HostPackage } from '../dev/load-host.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { parseGenerateArgs } from '../write/generate-options.js';
import { findManifests, UsageError } from './find-manifests.js';
import { DEV_COMMAND, SERVE_COMMAND } from './dev-usage.js';
import type { GenerateIo } from './generate-command.js';
import { EXIT_MANIFEST_ERRORS, EXIT_OK } from './io.js';
import { readCommand, type CommandInput } from './read-command.js';

function devArgs(input: CommandInput<typeof DEV_COMMAND.options>) {
  const { values, positionals } = input;
  const port = values.port ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) > 65535) throw new UsageError(`--port ${port}: write a port number from 0 to 65535 (0: any free port).`);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) throw new UsageError(`--public-url ${publicUrl}: write an http:// or https:// URL.`);
  return { manifests: positionals, port: Number(port), host: values.host ?? '127.0.0.1', database: values.database, publicUrl };
}

/** Resolves with the exit code once the server has stopped (Ctrl-C, SIGTERM, or `io.signal`). */
export async function runDev(argv: readonly string[], io: GenerateIo): Promise<number> {
  const input = readCommand(DEV_COMMAND, argv, io);
  if (!input) return EXIT_OK;
  const args = devArgs(input);
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
  // Checked here for intc's words (did you mean, help); @intc/host reads the values.
  if (!readCommand(SERVE_COMMAND, argv, io)) return EXIT_OK;
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
