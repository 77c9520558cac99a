/**
 * The three tarballs `npm pack --workspaces` gives (`intc`, `@intc/runtime`,
 * `@intc/host`), and a project that installed them (intc as a devDependency,
 * the runtime and the host as dependencies), as a user gets them. Made once per vitest run, by the first
 * test file that asks, in the run's shared folder (test/global-setup.ts); the
 * other files wait for it, so the pack and the install are paid once.
 *
 * The pack runs on a clean copy of the repository (without dist/ and the
 * generated validators, node_modules linked), so it proves that each
 * package's `prepack` builds it from source, and it does not rewrite dist/
 * under the test files that run in parallel. Installs come from npm's cache
 * where it has the packages.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The environment of a user's shell: no lifecycle variables of the `npm test` running us. */
export const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^npm_(lifecycle|package|config_workspace)/i.test(key) && key !== 'INIT_CWD'),
) as NodeJS.ProcessEnv;

export function sh(command: string, args: readonly string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: { ...userEnv, NO_COLOR: '1' }, encoding: 'utf8', timeout });
}

export function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `npm install` as a user runs it, from npm's cache where it can. */
export const npmInstall = (cwd: string, ...args: string[]) => sh('npm', ['install', ...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd, 200_000);

export interface Packed {
  readonly tarball: string;
  readonly runtimeTarball: string;
  readonly hostTarball: string;
  /** A project with the three tarballs installed; test files add their own folders inside it. */
  readonly project: string;
  /** What `npm install` of intc and @intc/runtime printed there (stdout and stderr). */
  readonly projectInstall: string;
  /** What installing @intc/host afterwards printed. */
  readonly hostInstall: string;
}

/** The packed tarballs and the project that installed them: made by the first caller of the run, waited for by the others. */
export async function packedTarballs(): Promise<Packed> {
  const shared = join(inject('sharedRunFolder'), 'packed');
  const done = join(shared, 'done.json');
  const failed = join(shared, 'failed.txt');
  try {
    mkdirSync(shared);
  } catch {
    // Another test file is packing: wait for it (the pack takes ~30 s, the install as long).
    while (!existsSync(done) && !existsSync(failed)) await new Promise((wake) => setTimeout(wake, 250));
    if (existsSync(failed)) throw new Error(`packing failed in another test file:\n${readFileSync(failed, 'utf8')}`);
    return JSON.parse(readFileSync(done, 'utf8')) as Packed;
  }
  try {
    const packed = pack(shared);
    writeFileSync(done, JSON.stringify(packed));
    return packed;
  } catch (error) {
    writeFileSync(failed, String(error instanceof Error ? error.stack : error));
    throw error;
  }
}

function pack(shared: string): Packed {
  const repo = join(shared, 'repo');
  const skippedNames = new Set(['node_modules', '.git', 'dist', '.ci', '.bench', '.scratch']);
  cpSync(root, repo, {
    recursive: true,
    filter: (source) => !skippedNames.has(basename(source)) && basename(source) !== 'compiled.generated.ts' && !source.endsWith('.tgz'),
  });
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir');

  const out = join(shared, 'out');
  mkdirSync(out);
  ok(sh('npm', ['pack', '--workspaces', '--pack-destination', out], repo, 200_000), 'npm pack --workspaces');
  const [intc, host, runtime] = ['intc', 'host', 'runtime'].map((folder) => JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as { version: string });
  const expected = [`intc-${intc!.version}.tgz`, `intc-host-${host!.version}.tgz`, `intc-runtime-${runtime!.version}.tgz`];
  const tgz = readdirSync(out).filter((f) => f.endsWith('.tgz')).sort();
  if (JSON.stringify(tgz) !== JSON.stringify(expected)) throw new Error(`npm pack wrote ${tgz.join(', ')}; expected ${expected.join(', ')}`);
  const [tarball, hostTarball, runtimeTarball] = tgz.map((name) => join(out, name)) as [string, string, string];

  const project = join(shared, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'project', private: true, dependencies: { '@intc/runtime': `file:${runtimeTarball}` }, devDependencies: { intc: `file:${tarball}` } }, null, 2)}\n`,
  );
  const install = npmInstall(project);
  const projectInstall = ok(install, 'npm install (both tarballs)') + install.stderr;
  // npm runs better-sqlite3's own install script (a prebuilt binary, or a build from source) when a user installs
  // @intc/host; here the install skips scripts and the repository's build of the same version is copied in, so the
  // tests do not compile SQLite. Everything else is the packed package as installed.
  const hostRun = npmInstall(project, hostTarball, '--ignore-scripts');
  const hostInstall = ok(hostRun, 'npm install (the host)') + hostRun.stderr;
  cpSync(join(root, 'node_modules', 'better-sqlite3', 'build'), join(project, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
  return { tarball, runtimeTarball, hostTarball, project, projectInstall, hostInstall };
}
