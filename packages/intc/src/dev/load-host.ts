/**
 * `intc dev` and `intc serve` run on `@intc/host`, which `intc` does not
 * depend on (a deployed service installs the host without the compiler; a
 * project that never hosts never builds SQLite). It is resolved at run time
 * from the project's folders, then from where intc itself is installed, and
 * imported by path. Only what the CLI calls is typed here, so the compiler
 * compiles without the host.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importModule } from '../load/import-module.js';

/** The host's `HostProject`, as intc builds it. */
export interface DevProject {
  readonly units: readonly unknown[];
}

export interface HostIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly signal?: AbortSignal;
}

export interface RunningHost {
  readonly url: string;
  readonly targets: ReadonlyMap<string, unknown>;
  load(project: DevProject): Promise<unknown>;
  registerAll(): Promise<void>;
  close(): Promise<void>;
}

/** What intc uses of `@intc/host` (its index.ts). */
export interface HostPackage {
  runServe(argv: readonly string[], io: HostIo): Promise<number>;
  startHost(options: {
    mode: 'dev';
    host: string;
    port: number;
    database: string;
    publicUrl?: string | undefined;
    env: NodeJS.ProcessEnv;
    log: 'pretty';
    write: (line: string) => void;
  }): Promise<{ host: RunningHost; log: { info(message: string): void; error(message: string): void } }>;
  closeOnSignals(host: RunningHost, signal?: AbortSignal): Promise<void>;
  describeListenError(error: unknown, host: string, port: number): string | undefined;
  projectFromFolders(folders: readonly { folder: string; generatedDir?: string }[], loaderOf: (folder: string) => () => Promise<unknown>): DevProject;
  importDefault(file: string, version?: number): Promise<unknown>;
  readonly ProjectError: new (message: string) => Error;
  readonly StoreError: new (message: string) => Error;
}

export class HostMissingError extends Error {
  override name = 'HostMissingError';
}

/** `@intc/host` as installed for the first of `folders` that can resolve it, else for intc; throws `HostMissingError` saying how to install it. */
export async function loadHost(command: 'dev' | 'serve', folders: readonly string[]): Promise<HostPackage> {
  const bases = [...new Set(folders), intcFolder()];
  for (const base of bases) {
    let resolved: string;
    try {
      resolved = createRequire(join(base, 'package.json')).resolve('@intc/host');
    } catch {
      continue;
    }
    return (await importModule(pathToFileURL(resolved).href)) as HostPackage;
  }
  const where = folders[0] ?? process.cwd();
  const dependency = command === 'serve' ? 'npm install @intc/host' : 'npm install @intc/host (a dependency: production runs it with npx intc-host serve)';
  throw new HostMissingError(
    `intc ${command} runs on @intc/host, which is not installed where ${where} can import it. Install it in the project: ${dependency}.`,
  );
}

function intcFolder(): string {
  return fileURLToPath(new URL('.', import.meta.url));
}
