import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { displayPath } from '../diagnostics/format-text.js';
import { resolveManifestFiles } from '../write/fast-path.js';
import type { GenerateArgs } from '../write/generate-options.js';
import { formatRunOutcome } from '../write/run-report.js';
import type { GenerateIo, GenerateOnce } from './generate-command.js';
import { EXIT_OK } from './io.js';

/** Editors write a file in several steps; wait this long after the last event before regenerating. */
const DEBOUNCE_MS = 30;

/**
 * `intc generate --watch`: one run, then a run whenever a manifest or a file
 * it references changes. One run at a time (a change during a run queues one
 * more); a failed run prints its diagnostics and writes nothing, so the last
 * good output stays; the files watched are re-read after every run. Ends
 * (exit 0) on Ctrl-C, or when `io.signal` aborts.
 */
export function watchGenerate(manifests: readonly string[], options: GenerateArgs, io: GenerateIo, runOnce: GenerateOnce): Promise<number> {
  return new Promise((resolveExit) => {
    const session = new WatchSession(manifests, options, io, runOnce, () => resolveExit(EXIT_OK));
    session.start();
  });
}

class WatchSession {
  /** Folder → the watcher on it and the file names in it that matter. */
  private readonly folders = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  private watched = new Set<string>();
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private pending = false;
  private stopped = false;
  private readonly removeStopListeners: () => void;

  constructor(
    private readonly manifests: readonly string[],
    private readonly options: GenerateArgs,
    private readonly io: GenerateIo,
    private readonly runOnce: GenerateOnce,
    private readonly onStopped: () => void,
  ) {
    this.removeStopListeners = this.listenForStop();
  }

  start(): void {
    void this.run(true);
  }

  private async run(first = false): Promise<void> {
    this.running = true;
    const changed = [...this.changed].sort();
    this.changed.clear();
    if (!first) this.status(`File changed: ${changed.map((path) => displayPath(path, this.io.cwd)).join(', ') || 'an input'}; regenerating.`);
    try {
      const run = await this.runOnce(this.manifests, this.options, this.io.cwd);
      if (this.stopped) return this.finish();
      this.io.stdout(formatRunOutcome(run.outcome, { cwd: this.io.cwd, color: this.io.color, format: this.options.format }));
      // After a failed run the manifest may reference less than it did: keep watching what it used to reference too.
      const keepOld = run.outcome.stopped !== undefined;
      const named = resolveManifestFiles(this.manifests, this.io.cwd) ?? this.manifests;
      this.watch([...named, ...run.inputs, ...(keepOld ? this.watched : [])]);
    } catch (error) {
      // A bug in intc: say so, and keep watching (the next change may not hit it).
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.io.stderr(`intc: internal compiler error: ${detail}\nThis is a bug in intc, not in your manifest. Please report it.\n`);
    }
    this.running = false;
    if (this.stopped) return this.finish();
    if (first) this.status(`Watching ${this.watched.size} file${this.watched.size === 1 ? '' : 's'} for changes. Press Ctrl-C to stop.`);
    if (this.pending) {
      this.pending = false;
      void this.run();
    }
  }

  /** Watches the folders of `paths`, filtered to those names; stops watching folders no longer needed. */
  private watch(paths: readonly string[]): void {
    this.watched = new Set(paths);
    const wanted = new Map<string, Set<string>>();
    for (const path of this.watched) {
      const folder = dirname(path);
      const names = wanted.get(folder) ?? new Set<string>();
      names.add(basename(path));
      wanted.set(folder, names);
    }
    for (const [folder, entry] of this.folders) {
      if (!wanted.has(folder)) {
        entry.watcher.close();
        this.folders.delete(folder);
      }
    }
    for (const [folder, names] of wanted) {
      const existing = this.folders.get(folder);
      if (existing) {
        existing.names.clear();
        for (const name of names) existing.names.add(name);
        continue;
      }
      try {
        const watcher = watch(folder, { persistent: true }, (_event, name) => this.onEvent(folder, name === null ? undefined : String(name)));
        watcher.on('error', () => {
          watcher.close();
          this.folders.delete(folder); // watched again after the next run, if the folder is back
        });
        this.folders.set(folder, { watcher, names });
      } catch {
        // The folder is gone (a referenced file's folder was deleted): the next run reports it.
      }
    }
  }

  private onEvent(folder: string, name: string | undefined): void {
    const entry = this.folders.get(folder);
    if (this.stopped || !entry || (name !== undefined && !entry.names.has(name))) return;
    if (name !== undefined) this.changed.add(join(folder, name));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.trigger(), DEBOUNCE_MS);
  }

  private trigger(): void {
    if (this.stopped) return;
    if (this.running) this.pending = true;
    else void this.run();
  }

  private listenForStop(): () => void {
    const stop = () => this.stop();
    if (this.io.signal) {
      if (this.io.signal.aborted) queueMicrotask(stop);
      this.io.signal.addEventListener('abort', stop, { once: true });
      return () => this.io.signal?.removeEventListener('abort', stop);
    }
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return () => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
    };
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    for (const { watcher } of this.folders.values()) watcher.close();
    this.folders.clear();
    this.removeStopListeners();
    if (!this.running) this.finish();
  }

  private finished = false;

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.running = false;
    this.onStopped();
  }

  private status(message: string): void {
    this.io.stderr(`${message}\n`);
  }
}
