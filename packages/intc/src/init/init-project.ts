/**
 * `intc init`: writes a new project's files into a folder, never over a file
 * that exists, and says what it did.
 */
import { join, relative } from 'node:path';
import { createNewFile } from '../write/create-new-file.js';
import { projectFiles, starterNames, type Template } from './project-files.js';

export interface InitResult {
  readonly created: readonly string[];
  /** Files not written, with why: they existed, or go with a starter manifest that existed. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Files that could not be written, with why. */
  readonly failed: readonly { readonly path: string; readonly problem: string }[];
}

export function initProject(folder: string, template: Template, intcVersion: string): InitResult {
  const created: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const failed: { path: string; problem: string }[] = [];
  const notCreated = (path: string) => !created.includes(path);
  // Manifests first (paths sorted, they may come after what goes with them), so a handler of a manifest that existed is never written.
  const files = projectFiles(template, starterNames(folder, template), intcVersion);
  for (const file of [...files.filter((f) => f.with === undefined), ...files.filter((f) => f.with !== undefined)]) {
    if (file.with !== undefined && notCreated(file.with)) {
      skipped.push({ path: file.path, reason: `goes with the starter ${file.with}, which was not written` });
      continue;
    }
    try {
      if (createNewFile(join(folder, file.path), file.text) === 'created') created.push(file.path);
      else skipped.push({ path: file.path, reason: 'exists; intc init never overwrites a file' });
    } catch (error) {
      failed.push({ path: file.path, problem: (error as Error).message });
    }
  }
  const order = (path: string) => files.findIndex((file) => file.path === path);
  created.sort((a, b) => order(a) - order(b));
  skipped.sort((a, b) => order(a.path) - order(b.path));
  return { created, skipped, failed };
}

/** What to run next, from the folder the command ran in. */
export function nextSteps(cwd: string, folder: string, template: Template): string[] {
  const where = relative(cwd, folder);
  const manifest = { integration: 'integration.yaml', interface: 'interface.yaml', bot: 'bot.yaml' }[template];
  return [
    ...(where === '' ? [] : [`cd ${where.includes(' ') ? JSON.stringify(where) : where}`]),
    'npm install',
    'npm run build      # intc generate (types, validators, handler stubs), then tsc',
    'npm test           # the starter test, through the runtime',
    `# then edit ${manifest}, run npm run build again, and implement the TODO handlers (npm run status lists them)`,
  ];
}
