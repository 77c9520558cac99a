/**
 * A manifest as it is at a git revision (`main:integration.yaml`), with the
 * files it references (interface manifests named by `from:`, icon, readme,
 * .vrl scripts) read at the same revision, relative to the manifest's path
 * there. They are copied into a temporary folder at their paths in the
 * repository, so the ordinary pipeline loads and validates them; positions
 * are then shown as `<ref>:<path>`. git is run without a shell, from the
 * repository's top folder; nothing in the work tree is touched.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import { UsageError } from '../cli/find-manifests.js';
import { loadManifest } from '../load/load-manifest.js';
import { manifestInFolder } from '../load/manifest-in-folder.js';
import { interfaceEntries } from '../model/interface-extension.js';
import { kindFromFileName } from '../model/manifest-kind.js';
import { referencedInputFiles } from '../write/referenced-inputs.js';

/** `<ref>:<path>` as written: the path is from the repository's top folder, or from the current folder when it starts with `./` or `../` (as in git). */
export interface GitSpec {
  readonly ref: string;
  readonly path: string;
}

/** A `<ref>:<path>` argument, or undefined when it is not one (no colon, or an option-like or empty ref). */
export function parseGitSpec(arg: string): GitSpec | undefined {
  const match = /^([^:]+):(.*)$/s.exec(arg);
  // `C:\…` is a Windows path, not the revision `C`.
  if (!match || match[1]!.startsWith('-') || (process.platform === 'win32' && /^[a-zA-Z]$/.test(match[1]!))) return undefined;
  return { ref: match[1]!, path: match[2]! };
}

export interface GitCheckout {
  /** The manifest's path in the temporary copy. */
  readonly manifestPath: string;
  /** `<ref>:<path>` for a file of the copy; undefined for any other file. */
  display(file: string): string | undefined;
  /** Removes the temporary copy. */
  dispose(): void;
}

/** Copies the manifest `spec` names, and what it references, out of git. */
export function checkoutFromGit(spec: GitSpec, cwd: string, maxBytes: number): GitCheckout {
  const repository = new GitRepository(cwd, spec.ref, maxBytes);
  const folder = mkdtempSync(join(tmpdir(), 'intc-diff-'));
  try {
    const copy = new SnapshotCopy(repository, folder);
    const manifestPath = copy.manifest(repository.pathInRepository(spec.path), spec);
    copy.references(manifestPath);
    return {
      manifestPath,
      display: (file) => {
        const inRepository = relative(folder, file);
        if (inRepository.startsWith('..') || inRepository === '') return undefined;
        return `${spec.ref}:${inRepository.split(sep).join('/')}`;
      },
      dispose: () => rmSync(folder, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

type EntryKind = 'blob' | 'tree';

/** Read-only access to one revision of the repository holding `cwd`. */
class GitRepository {
  readonly top: string;
  private readonly prefix: string;
  private readonly commit: string;

  constructor(
    cwd: string,
    private readonly ref: string,
    private readonly maxBytes: number,
  ) {
    const top = this.run(cwd, ['rev-parse', '--show-toplevel']);
    if (top === undefined) throw new UsageError(`'${ref}:…' names a git revision, but '${cwd}' is not inside a git repository (is git installed?).`);
    this.top = top.trim();
    this.prefix = (this.run(cwd, ['rev-parse', '--show-prefix']) ?? '').trim();
    const commit = this.run(this.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    if (commit === undefined) throw new UsageError(`Unknown git revision '${ref}': name a branch, tag or commit (git rev-parse could not resolve it).`);
    this.commit = commit.trim();
  }

  /** The path after `<ref>:` as a path from the repository's top folder (`''` for the top itself). */
  pathInRepository(path: string): string {
    const relativeToCwd = path.startsWith('./') || path.startsWith('../') || path === '.' || path === '..';
    const joined = posix.normalize(relativeToCwd ? posix.join(this.prefix, path) : path || '.');
    if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) {
      throw new UsageError(`'${this.ref}:${path}' leads outside the repository.`);
    }
    return joined === '.' ? '' : joined.replace(/\/$/, '');
  }

  /** Whether the path is a file or a folder at the revision; undefined for nothing, a symbolic link or a submodule. */
  kindOf(path: string): EntryKind | undefined {
    if (path === '') return 'tree';
    const listing = this.run(this.top, ['ls-tree', '-z', '--full-tree', this.commit, '--', path]);
    const entry = listing?.split('\0').find((line) => line.endsWith(`\t${path}`));
    const match = entry ? /^(\d+) (\w+) /.exec(entry) : null;
    if (!match || match[1] === '120000') return undefined;
    return match[2] === 'blob' || match[2] === 'tree' ? match[2] : undefined;
  }

  /** The names of the files directly in a folder. */
  filesIn(path: string): string[] {
    const listing = this.run(this.top, ['ls-tree', '-z', '--full-tree', this.commit, ...(path === '' ? [] : ['--', `${path}/`])]) ?? '';
    return listing
      .split('\0')
      .map((line) => /^(\d+) blob \w+\t(.*)$/s.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && match[1] !== '120000')
      .map((match) => posix.basename(match[2]!));
  }

  read(path: string): Buffer {
    const result = spawnSync('git', ['cat-file', 'blob', `${this.commit}:${path}`], { cwd: this.top, maxBuffer: this.maxBytes * 2 + 1024 });
    if (result.error || result.status !== 0) throw new UsageError(`Cannot read '${this.ref}:${path}' from git${result.error ? `: ${result.error.message}` : ''}.`);
    return result.stdout;
  }

  private run(cwd: string, args: readonly string[]): string | undefined {
    const result = spawnSync('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return result.error || result.status !== 0 ? undefined : result.stdout;
  }
}

/** The temporary copy: files of the revision written at their repository paths. */
class SnapshotCopy {
  private readonly copied = new Set<string>();
  /** Manifests whose references were followed. */
  private readonly followed = new Set<string>();

  constructor(
    private readonly repository: GitRepository,
    private readonly folder: string,
  ) {}

  /** Copies the manifest a side names (a file, or the manifest in a folder) and returns its path in the copy. */
  manifest(path: string, spec: GitSpec): string {
    const kind = this.repository.kindOf(path);
    if (kind === undefined) {
      const hint = spec.path.startsWith('./') || spec.path.startsWith('../') ? '' : ` (a path after '${spec.ref}:' starts at the repository's top folder; write '${spec.ref}:./${spec.path}' for one relative to the current folder)`;
      throw new UsageError(`'${spec.ref}:${spec.path}' does not exist at that revision${hint}.`);
    }
    if (kind === 'blob') return this.copy(path);
    const found = this.folderManifest(path, undefined);
    if (!found) throw new UsageError(`'${spec.ref}:${spec.path}' is a folder with no single manifest at that revision.`);
    return found;
  }

  /** Copies what the manifest at `manifestPath` references, and what those reference, at the same revision. */
  references(manifestPath: string): void {
    const pending = [manifestPath];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (this.followed.has(file)) continue;
      this.followed.add(file);
      const loaded = loadManifest(file, { maxBytes: Number.MAX_SAFE_INTEGER }).manifest;
      if (!loaded) continue;
      for (const asset of referencedInputFiles(loaded.value, file)) {
        const path = this.inRepository(asset);
        if (path !== undefined && this.repository.kindOf(path) === 'blob') this.copy(path);
      }
      const manifests = interfaceEntries(loaded.value, (from) => from).map(({ iface }) => this.inRepository(join(dirname(file), iface)));
      for (const path of manifests) {
        if (path === undefined) continue;
        const kind = this.repository.kindOf(path);
        const copied = kind === 'blob' ? this.copy(path) : kind === 'tree' ? this.folderManifest(path, 'interface') : undefined;
        if (copied !== undefined) pending.push(copied);
      }
    }
  }

  /** Copies the manifest files of a folder and returns the one that stands for it. */
  private folderManifest(path: string, kind: 'interface' | undefined): string | undefined {
    for (const name of this.repository.filesIn(path)) {
      if (kindFromFileName(name) !== undefined) this.copy(path === '' ? name : `${path}/${name}`);
    }
    const folder = join(this.folder, ...path.split('/').filter(Boolean));
    mkdirSync(folder, { recursive: true });
    return manifestInFolder(folder, kind);
  }

  private copy(path: string): string {
    const target = join(this.folder, ...path.split('/'));
    if (!this.copied.has(target)) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, this.repository.read(path));
      this.copied.add(target);
    }
    return target;
  }

  /** A path of the copy as a repository path; undefined when it leads outside the repository. */
  private inRepository(file: string): string | undefined {
    const path = relative(this.folder, file);
    if (path === '' || path === '..' || path.startsWith(`..${sep}`)) return undefined;
    return path.split(sep).join('/');
  }
}
