// A folder laid out like a Botpress checkout after `pnpm install`, for loading its definitions with
// `intc import`: node_modules at its root linking @botpress/sdk (intc's devDependency, 7.2.4),
// @botpress/common (the folder's packages/common, which must be the shim of fixtures/botpress: the
// real package needs its own dependencies installed), lodash (intc's), the tsafe and dedent
// shims of fixtures/botpress, and @intc/runtime (packages/runtime, built), which intc's generated
// code imports.
// Used by test/botpress-harness.ts and scripts/botpress-corpus.mjs.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootRequire = createRequire(join(root, 'package.json'));
export const BOTPRESS_FIXTURES = join(root, 'fixtures', 'botpress');

/** Links node_modules into `workspace`. */
export function linkBotpressWorkspace(workspace) {
  for (const scope of ['@botpress', '@intc']) mkdirSync(join(workspace, 'node_modules', scope), { recursive: true });
  const links = {
    '@botpress/sdk': packageFolder('@botpress/sdk'),
    '@botpress/common': join(workspace, 'packages', 'common'),
    lodash: packageFolder('lodash'),
    tsafe: join(BOTPRESS_FIXTURES, 'shims', 'tsafe'),
    dedent: join(BOTPRESS_FIXTURES, 'shims', 'dedent'),
    '@intc/runtime': join(root, 'packages', 'runtime'),
  };
  for (const [name, target] of Object.entries(links)) {
    const link = join(workspace, 'node_modules', name);
    if (!existsSync(link)) symlinkSync(target, link, 'dir');
  }
}

function packageFolder(name) {
  return dirname(rootRequire.resolve(`${name}/package.json`));
}
