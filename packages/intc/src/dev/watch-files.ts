/**
 * Watches a set of files for `intc dev`: each file's folder is watched (not
 * the file: editors replace files on save), events for other names are
 * ignored, and a burst of events becomes one call after a short quiet time.
 * `changedSince` tells real changes (size or modification time differ from
 * the snapshot) from events that intc's own writes caused.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

const DEBOUNCE_MS = 60;

export type Snapshot = ReadonlyMap<string, string>;

export function snapshot(paths: Iterable<string>): Snapshot {
  return new Map([...paths].map((path) => [path, stamp(path)]));
}

/** The files of `before` whose stamp differs now (created, changed or deleted). */
export function changedSince(before: Snapshot): string[] {
  return [...before].filter(([path, was]) => stamp(path) !== was).map(([path]) => path);
}

function stamp(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

export class FileWatcher {
  readonly #folders = new Map<string, { watcher: FSWatcher; names: Set<string> }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly onChange: () => void) {}

  /** Watches exactly these files from now on. */
  watch(paths: Iterable<string>): void {
    const wanted = new Map<string, Set<string>>();
    for (const path of paths) {
      const names = wanted.get(dirname(path)) ?? new Set<string>();
      names.add(basename(path));
      wanted.set(dirname(path), names);
    }
    for (const [folder, entry] of this.#folders) {
      if (!wanted.has(folder)) {
        entry.watcher.close();
        this.#folders.delete(folder);
      }
    }
    for (const [folder, names] of wanted) {
      const existing = this.#folders.get(folder);
      if (existing) {
        existing.names = names;
        continue;
      }
      try {
        const entry = { watcher: watch(folder, (_, name) => this.#event(folder, name)), names };
        entry.watcher.on('error', () => {});
        this.#folders.set(folder, entry);
      } catch {
        // A folder that does not exist (yet): its files count as changed when it appears through another watched file.
      }
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    for (const entry of this.#folders.values()) entry.watcher.close();
    this.#folders.clear();
  }

  #event(folder: string, name: string | Buffer | null): void {
    const names = this.#folders.get(folder)?.names;
    if (name !== null && names !== undefined && !names.has(String(name))) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.onChange, DEBOUNCE_MS);
  }
}
