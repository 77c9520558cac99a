import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../packages/intc/src/diagnostics/codes.js';
import { projectFiles } from '../packages/intc/src/init/project-files.js';
import { ROOT, runCli } from './fixture-harness.js';

const readme = readFileSync('README.md', 'utf8');
const architecture = readFileSync('ARCHITECTURE.md', 'utf8');

describe('docs stay true', () => {
  it.each(Object.keys(diagnosticCodes))('README lists diagnostic code %s', (code) => {
    expect(readme).toContain(`\`${code}\``);
  });

  const packages = readdirSync('packages', { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  const sourceFolders = packages.flatMap((name) =>
    readdirSync(join('packages', name, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name),
  );

  it.each(packages)('ARCHITECTURE.md describes packages/%s', (name) => {
    expect(architecture).toContain(`packages/${name}/`);
  });

  it.each(sourceFolders)('ARCHITECTURE.md describes src/%s', (folder) => {
    expect(architecture).toContain(`src/${folder}/`);
  });

  it('README starts from zero with intc init, and shows the files it creates', () => {
    expect(readme).toContain('$ npx intc init my-integration\n');
    expect(readme).toContain('$ cd my-integration && npm install && npm run build && npm test\n');
    const shown = [...readme.matchAll(/^ {2}created {2}(\S+)$/gm)].map((m) => m[1]);
    expect(shown).toEqual(projectFiles('integration', { name: 'my-integration', title: 'My Integration' }, '0.0.0').map((file) => file.path));
  });

  it('README gives the set-up commands of a clone of this repository, and what its validate prints', () => {
    expect(readme).toContain('$ npm ci\n');
    expect(readme).toContain('npm test');
    const command = '$ npx intc validate fixtures/mistakes/names-kebab-action\n';
    const shown = readme.slice(readme.indexOf(command) + command.length, readme.indexOf('```', readme.indexOf(command)));
    expect(runCli(['validate', 'fixtures/mistakes/names-kebab-action'], ROOT).stdout).toBe(shown);
  });
});
