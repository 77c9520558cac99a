import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectLayout } from '../generate/project-layout.js';

/** What a path is written as: tool-owned output, a user-owned stub, or intc's own record. */
export type OutputKind = 'generated' | 'stub' | 'state';

/** True when `path` is `folder` itself or anything below it (lexically; both absolute). */
export function isInsideOrSame(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** True when `path` is strictly below `folder`. */
export function isInside(folder: string, path: string): boolean {
  return isInsideOrSame(folder, path) && resolve(folder) !== resolve(path);
}

/**
 * A generated file's path as an emitter gives it (`types.ts`, `interfaces/llm.ts`):
 * relative, `/`-separated, no `.`/`..`/empty segments. Anything else is refused,
 * whatever names the manifest holds.
 */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.includes('\0') || path.includes('\\') || path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * Decides whether intc may write or delete a path: generated files and the
 * record only inside the generated folder, stubs only inside the stubs
 * folder and never inside the generated folder, deletions only inside the
 * generated folder. Symbolic links are followed for the part of the path that
 * exists, so a link inside an output folder cannot lead a write elsewhere.
 */
export class PathGuard {
  private readonly realRoots = new Map<string, string>();

  constructor(private readonly layout: ProjectLayout) {}

  /** Undefined when the write is allowed, else the reason it is not. */
  refuseWrite(path: string, kind: OutputKind): string | undefined {
    const { generatedDir, srcDir } = this.layout;
    if (kind === 'stub') {
      if (!isInside(srcDir, path) || isInsideOrSame(generatedDir, path)) {
        return `it is outside the stubs folder '${srcDir}' (or inside the generated folder)`;
      }
      return this.refuseLinkedEscape(srcDir, path);
    }
    if (!isInside(generatedDir, path)) return `it is outside the generated folder '${generatedDir}'`;
    return this.refuseLinkedEscape(generatedDir, path);
  }

  /**
   * Policy: an output folder inside the project (the manifest's folder) that
   * is, or lies below, a symbolic link leading out of the project is not
   * written through: following it would write, and delete stale files,
   * somewhere the project's layout does not show. Naming the real folder
   * with --out/--src is the way to generate there. Returns each refused
   * folder and why (reported once per folder, not once per file).
   */
  refuseOutputFolders(): { folder: string; reason: string }[] {
    const { root, generatedDir, srcDir } = this.layout;
    const realRoot = safeRealpath(root);
    if (realRoot === undefined) return [];
    const refused: { folder: string; reason: string }[] = [];
    for (const folder of [generatedDir, srcDir]) {
      if (!isInsideOrSame(root, folder)) continue; // chosen outside the project with --out/--src: the user's call
      const existing = nearestExisting(folder);
      const real = existing === undefined ? undefined : safeRealpath(existing);
      if (real === undefined || isInsideOrSame(realRoot, real)) continue;
      refused.push({
        folder,
        reason: `'${existing}' is a symbolic link to '${real}', outside the project folder '${root}'; intc does not write through it (name the real folder with --out or --src to generate there)`,
      });
    }
    return refused;
  }

  /** Undefined when intc may delete `path` (a stale generated file), else the reason it may not. */
  refuseDelete(path: string): string | undefined {
    return this.refuseWrite(path, 'generated');
  }

  /** The existing part of `path` must resolve (through symlinks) inside the real folder. */
  private refuseLinkedEscape(folder: string, path: string): string | undefined {
    const existing = nearestExisting(dirname(path));
    if (existing === undefined || !isInsideOrSame(folder, existing)) return undefined; // nothing exists below the folder yet
    const realFolder = this.realPath(folder);
    const realExisting = safeRealpath(existing);
    if (realFolder === undefined || realExisting === undefined) return undefined;
    return isInsideOrSame(realFolder, realExisting) ? undefined : `'${existing}' is a link that leads outside '${folder}'`;
  }

  private realPath(folder: string): string | undefined {
    let real = this.realRoots.get(folder);
    if (real === undefined) {
      real = safeRealpath(folder);
      if (real !== undefined) this.realRoots.set(folder, real);
    }
    return real;
  }
}

function nearestExisting(path: string): string | undefined {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return current;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Why a set of layouts is unsafe to write, or undefined when it is fine. The
 * generated folder is tool-owned (stale files in it are deleted), so it must
 * not hold the stubs folder or a manifest, and two manifests must not share
 * one; the generated folder inside the stubs folder is fine (the default).
 */
export function layoutProblem(layouts: readonly ProjectLayout[]): string | undefined {
  for (const layout of layouts) {
    const { generatedDir, srcDir, manifestPath } = layout;
    if (resolve(generatedDir) === resolve(srcDir)) {
      return `--out and --src are the same folder ('${generatedDir}'): generated files and handler stubs must not mix.`;
    }
    if (isInside(generatedDir, srcDir)) {
      return `the stubs folder '${srcDir}' is inside the generated folder '${generatedDir}', where stale files are deleted; choose --src outside --out.`;
    }
    if (isInside(generatedDir, manifestPath)) {
      return `the generated folder '${generatedDir}' holds the manifest '${manifestPath}'; choose an --out folder for generated files only.`;
    }
  }
  for (const [i, a] of layouts.entries()) {
    for (const b of layouts.slice(i + 1)) {
      if (a.manifestPath === b.manifestPath) continue;
      if (isInsideOrSame(a.generatedDir, b.generatedDir) || isInsideOrSame(b.generatedDir, a.generatedDir)) {
        return `'${a.manifestPath}' and '${b.manifestPath}' would generate into the same folder ('${a.generatedDir}'); give each its own --out.`;
      }
      if (resolve(a.srcDir) === resolve(b.srcDir)) {
        return `'${a.manifestPath}' and '${b.manifestPath}' would write handler stubs into the same folder ('${a.srcDir}').`;
      }
      if (isInside(a.generatedDir, b.srcDir) || isInside(b.generatedDir, a.srcDir)) {
        return `a stubs folder lies inside another manifest's generated folder ('${a.generatedDir}' / '${b.generatedDir}').`;
      }
    }
  }
  return undefined;
}
