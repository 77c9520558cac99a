/**
 * `--force <name>`: which user-owned files a name stands for, in every
 * project of the run. A name is an action (`sendMessage`), a channel message
 * type (`telegram.text`), `register`, `unregister`, `handler` (or `webhook`),
 * or a file: a path relative to the current folder or to a project's folder
 * (`src/actions/sendMessage.ts`, `src/index.ts`). Pure: no I/O.
 */
import { resolve } from 'node:path';
import type { HandlerStub } from './stub-layout.js';
import { handlerDisplayName } from './todo-handlers.js';

export interface ForceProject {
  /** The project's folder (the manifest's). */
  readonly root: string;
  /** Its handler stubs (none for a bot). */
  readonly handlers: readonly HandlerStub[];
  /** Its index.ts. */
  readonly indexPath: string;
}

export interface ForceTargets {
  /** Absolute paths of the files to reset. */
  readonly paths: ReadonlySet<string>;
  /** Names that are no handler and no file of any project. */
  readonly unknown: readonly string[];
}

export function resolveForceTargets(names: readonly string[], projects: readonly ForceProject[], cwd: string): ForceTargets {
  const paths = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    const found = projects.flatMap((project) => filesNamed(name, project, cwd));
    if (found.length === 0) unknown.push(name);
    for (const path of found) paths.add(path);
  }
  return { paths, unknown };
}

function filesNamed(name: string, project: ForceProject, cwd: string): string[] {
  const files = [project.indexPath, ...project.handlers.map((stub) => stub.path)];
  const asPath = [resolve(cwd, name), resolve(project.root, name)];
  const byPath = files.filter((file) => asPath.includes(file));
  if (byPath.length > 0) return byPath;
  const member = name === 'webhook' ? 'handler' : name;
  return project.handlers.filter((stub) => handlerDisplayName(stub) === member).map((stub) => stub.path);
}

/** What the usage error lists as valid names: a few of the run's own, then the kinds of name. */
export function forceNameHelp(projects: readonly ForceProject[]): string {
  const examples = projects.flatMap((project) => project.handlers.filter((stub) => stub.kind === 'action' || stub.kind === 'message').map(handlerDisplayName));
  const shown = [...new Set(examples)].slice(0, 4).map((name) => `'${name}'`);
  return `an action or channel.message${shown.length > 0 ? ` (${shown.join(', ')})` : ''}, register, unregister, handler, or a stub file such as src/index.ts`;
}
