/** `intc schema`'s command line, here so the CLI can print its help without loading the schema lookup. */
import { defineCommand } from './command-line.js';

export const SCHEMA_COMMAND = defineCommand({
  name: 'schema',
  operands: '<kind>',
  summary: 'print the path of the JSON Schema shipped for a kind of manifest (for editors)',
  description: `Prints the absolute path of the JSON Schema intc ships for a kind of manifest,
for editors and tools to validate manifests with (VS Code: see the yaml.schemas
setting intc init writes). Kinds: integration, interface, bot, config (intc.config.json).`,
  options: {},
  exitCodes: {
    0: 'printed',
    1: 'intc ships no schema of that kind',
  },
});
