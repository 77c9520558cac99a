import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../packages/intc/src/diagnostics/codes.js';

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

  it('README gives the two set-up commands', () => {
    expect(readme).toContain('npm ci && npx intc generate examples/telegram');
    expect(readme).toContain('npm test');
  });
});
