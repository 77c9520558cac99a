import { dirname, isAbsolute, resolve } from 'node:path';

/** Where one manifest's output goes. Every path is absolute. */
export interface ProjectLayout {
  readonly manifestPath: string;
  /** Folder of the manifest: relative `--out`/`--src` paths start here. */
  readonly root: string;
  /** Tool-owned output (`src/generated/`): rewritten every run, stale files deleted. */
  readonly generatedDir: string;
  /** User-owned handler stubs (`src/`): created once, then only added to. */
  readonly srcDir: string;
}

export interface LayoutOptions {
  /** Generated folder, relative to the manifest's folder unless absolute. Default `src/generated`. */
  readonly outDir?: string;
  /** Handler stubs folder, relative to the manifest's folder unless absolute. Default `src`. */
  readonly srcDir?: string;
}

export const DEFAULT_OUT_DIR = 'src/generated';
export const DEFAULT_SRC_DIR = 'src';

export function projectLayout(manifestPath: string, options: LayoutOptions = {}): ProjectLayout {
  const root = dirname(manifestPath);
  const at = (path: string) => (isAbsolute(path) ? resolve(path) : resolve(root, path));
  return {
    manifestPath,
    root,
    generatedDir: at(options.outDir ?? DEFAULT_OUT_DIR),
    srcDir: at(options.srcDir ?? DEFAULT_SRC_DIR),
  };
}
