/**
 * `intc init`: writes a new project's files into a folder, never over a file
 * that exists, and says what it did.
 */
import { join, relative } from 'node:path';
import { createNewFile } from '../write/create-new-file.js';
import { projectFiles, starterNames, type Template } from './project-files.js';

export interface InitResult {
  readonly created: readonly string[];
  /** Files that existed and were left as they were. */
  readonly skipped: readonly string[];
  /** Files that could not be written, with why. */
  readonly failed: readonly { readonly path: string; readonly problem: string }[];
}

export function initProject(folder: string, template: Template, intcVersion: string): InitResult {
  const created: string[] = [];
  const skipped: string[] = [];
  const failed: { path: string; problem: string }[] = [];
  for (const file of projectFiles(template, starterNames(folder, template), intcVersion)) {
    try {
      (createNewFile(join(folder, file.path), file.text) === 'created' ? created : skipped).push(file.path);
    } catch (error) {
      failed.push({ path: file.path, problem: (error as Error).message });
    }
  }
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
