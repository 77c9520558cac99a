/** `intc init`'s command line, here so the CLI can print its help without loading the init code. */
import { defineCommand } from './command-line.js';

export const INIT_COMMAND = defineCommand({
  name: 'init',
  operands: '[folder] [options]',
  summary: 'create a new integration, interface or bot project that builds and tests as created',
  description: `Creates a new project in the folder (default: the current one) that builds
and tests as created: a commented starter manifest, a handler and a test,
package.json (intc and @intc/runtime at this intc's version), tsconfig,
.gitignore, ignore entries for the generated folder (Prettier, ESLint) and
editor settings associating the manifest schemas. A file that exists is never
overwritten: it is listed as skipped.`,
  options: {
    template: {
      type: 'string',
      value: '<kind>',
      choices: ['integration', 'interface', 'bot'],
      default: 'integration',
      help: 'integration (default), interface (with an example implementation) or bot (with an integration it installs)',
    },
  },
  exitCodes: {
    0: 'created (files that existed are skipped)',
    3: 'a file could not be written',
  },
});
