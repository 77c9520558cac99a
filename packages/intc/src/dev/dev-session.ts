/**
 * One `intc dev` session: generate, bundle, load into the host (registering
 * every integration and alias with the first code that starts), watch, and
 * again on every change of a manifest, a file it references, or a source
 * the bundles were made of. A cycle that fails (manifest errors, a bundle
 * that does not compile, a module that throws or does not start) prints
 * why and leaves the host serving the last good code. One cycle at a time:
 * a change during a cycle runs one more after it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../diagnostics/format-text.js';
import { projectLayout, type ProjectLayout } from '../generate/project-layout.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import type { GenerateArgs } from '../write/generate-options.js';
import { formatRunOutcome } from '../write/run-report.js';
import { generateOnce } from '../cli/generate-command.js';
import type { CliIo } from '../cli/io.js';
import { bundleHandlers, type Bundled } from './bundle-handlers.js';
import type { HostPackage, RunningHost } from './load-host.js';
import { changedSince, FileWatcher, snapshot, type Snapshot } from './watch-files.js';

export interface DevSessionOptions {
  readonly manifests: readonly string[];
  readonly generateArgs: GenerateArgs;
  readonly io: CliIo;
  readonly hostPackage: HostPackage;
  readonly host: RunningHost;
}

export class DevSession {
  readonly #options: DevSessionOptions;
  readonly #watcher = new FileWatcher(() => this.#changed());
  #watched: Snapshot = new Map();
  #version = 0;
  #loadedBundles: string | undefined;
  #lastFailed = false;
  #registered = false;
  #running: Promise<void> | undefined;
  #pending = false;
  #closed = false;

  constructor(options: DevSessionOptions) {
    this.#options = options;
  }

  /** The first cycle; resolves once it is done (loaded or failed), then watches. */
  start(): Promise<boolean> {
    return this.#cycle();
  }

  close(): void {
    this.#closed = true;
    this.#watcher.close();
  }

  /**
   * An event while idle runs a cycle when a watched file really changed (not
   * when intc's own writes caused it). An event during a cycle may be an edit
   * the cycle did not see: one more cycle runs after it (cheap when nothing
   * changed: generate's records skip the work, an identical bundle is not
   * reloaded).
   */
  #changed(afterCycle = false): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#pending = true;
      return;
    }
    const changed = changedSince(this.#watched);
    if (changed.length === 0 && !afterCycle) return;
    if (changed.length > 0) this.#say(`Changed: ${changed.map((path) => displayPath(path, this.#options.io.cwd)).join(', ')}; reloading.`);
    this.#running = this.#cycle().then(() => {
      this.#running = undefined;
      if (this.#pending) {
        this.#pending = false;
        this.#changed(true);
      }
    });
  }

  /** Generate → bundle → load. True when the host now serves this cycle's code. */
  async #cycle(): Promise<boolean> {
    const inputs = new Set<string>();
    let loaded = false;
    try {
      const roots = this.#options.manifests.map(resolveManifest);
      if (!(await this.#generate(roots, inputs))) return false;
      const layouts = roots.map((file) => projectLayout(file));
      const installed = installedIntegrations(layouts).filter((file) => !roots.includes(file));
      if (installed.length > 0 && !(await this.#generate(installed, inputs))) return false;
      const folders = [...layouts, ...installed.map((file) => projectLayout(file))];
      const bundles = await this.#bundle(folders, inputs);
      if (bundles === undefined) return false;
      loaded = await this.#load(bundles);
      // Registered once, with the first code that starts (which may come after failed cycles).
      if (loaded && !this.#registered) {
        this.#registered = true;
        await this.#options.host.registerAll();
      }
      return loaded;
    } catch (error) {
      // A bug in intc, or a usage problem generate found (an output folder it refuses): said, and the session goes on.
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.#options.io.stderr(`intc dev: ${detail}\n`);
      this.#failed('intc could not run it');
      return false;
    } finally {
      // After a failed cycle the manifests may reference less than they did: keep watching what they used to.
      this.#watch(loaded ? inputs : new Set([...inputs, ...this.#watched.keys()]));
    }
  }

  async #generate(manifests: readonly string[], inputs: Set<string>): Promise<boolean> {
    const { io } = this.#options;
    const run = await generateOnce(manifests, this.#options.generateArgs, io.cwd);
    for (const input of [...manifests, ...run.inputs]) inputs.add(input);
    const wrote = run.outcome.files.some((file) => file.status !== 'unchanged');
    if (wrote || run.outcome.diagnostics.length > 0 || run.outcome.stopped) {
      io.stdout(formatRunOutcome(run.outcome, { cwd: io.cwd, color: io.color, format: 'text' }));
    }
    if (run.outcome.stopped === undefined) return true;
    this.#failed('intc generate stopped');
    return false;
  }

  async #bundle(layouts: readonly ProjectLayout[], inputs: Set<string>): Promise<Map<string, Bundled> | undefined> {
    const bundles = new Map<string, Bundled>();
    for (const layout of layouts) {
      inputs.add(resolve(layout.srcDir, 'index.ts'));
      const result = await bundleHandlers(layout.root, layout.srcDir, this.#options.io.cwd, this.#options.io.color);
      if (!result.ok) {
        this.#options.io.stderr(result.errors);
        this.#failed('a handler does not compile');
        return undefined;
      }
      for (const input of result.bundle.inputs) inputs.add(input);
      bundles.set(layout.root, result.bundle);
    }
    return bundles;
  }

  async #load(bundles: ReadonlyMap<string, Bundled>): Promise<boolean> {
    const { hostPackage, host, io } = this.#options;
    const fingerprint = [...bundles.values()].map((bundle) => readFileSync(bundle.file, 'utf8')).join('\0');
    if (fingerprint === this.#loadedBundles) {
      // The code served already; after a failed cycle, say that it is fixed.
      if (this.#lastFailed) this.#serving();
      this.#lastFailed = false;
      return true;
    }
    const version = ++this.#version;
    const roots = this.#options.manifests.map((file) => projectLayout(resolveManifest(file)));
    try {
      const project = hostPackage.projectFromFolders(
        roots.map((layout) => ({ folder: layout.root, generatedDir: layout.generatedDir })),
        (folder) => () => {
          const bundle = bundles.get(resolve(folder));
          if (bundle === undefined) throw new hostPackage.ProjectError(`No bundle for ${folder}: it is not one of the project's folders.`);
          return hostPackage.importDefault(bundle.file, version);
        },
      );
      await host.load(project);
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
      this.#failed('the project did not start');
      return false;
    }
    this.#loadedBundles = fingerprint;
    this.#lastFailed = false;
    this.#serving();
    return true;
  }

  #serving(): void {
    const { host } = this.#options;
    this.#say(`Serving ${[...host.targets.keys()].join(', ') || 'nothing'} on ${host.url}`);
  }

  #watch(files: ReadonlySet<string>): void {
    if (this.#closed) return;
    this.#watched = snapshot(files);
    this.#watcher.watch(files);
  }

  #failed(why: string): void {
    this.#lastFailed = true;
    const serving = this.#loadedBundles === undefined ? 'nothing is served yet' : 'still serving the last good code';
    this.#say(`Reload failed (${why}): ${serving}. Fix it and save; intc dev reloads on the next change.`);
  }

  #say(line: string): void {
    this.#options.io.stdout(`${line}\n`);
  }
}

function resolveManifest(given: string): string {
  return manifestInFolder(given) ?? given;
}

/** The integration manifests that a bot among `layouts` installs, from its generated definition.json. */
function installedIntegrations(layouts: readonly ProjectLayout[]): string[] {
  const found = new Set<string>();
  for (const layout of layouts) {
    let definition: { integrations?: { [alias: string]: { integration?: { manifest?: unknown } } } };
    try {
      definition = JSON.parse(readFileSync(resolve(layout.generatedDir, 'definition.json'), 'utf8')) as typeof definition;
    } catch {
      continue;
    }
    for (const installed of Object.values(definition.integrations ?? {})) {
      const manifest = installed.integration?.manifest;
      if (typeof manifest === 'string') found.add(resolve(dirname(layout.manifestPath), manifest));
    }
  }
  return [...found].sort();
}
