import { parseArgs } from 'node:util';
import { shippedSchemaKinds, shippedSchemaPath } from '../init/editor-association.js';
import { withUsage } from './command-usage.js';
import { UsageError } from './find-manifests.js';
import { EXIT_OK, type CliIo } from './io.js';

/** Lists the kinds from schema/, so it is computed only when asked. */
const schemaUsage = () => `Usage: intc schema <kind>

Prints the absolute path of the JSON Schema intc ships for a kind of manifest,
for editors and tools to validate manifests with (VS Code: see the yaml.schemas
setting intc init writes). Kinds: ${shippedSchemaKinds().join(', ')}.
`;

/** `intc schema <kind>`. */
export function runSchema(args: readonly string[], io: CliIo): Promise<number> {
  return withUsage(schemaUsage(), io, () => {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
    if (values.help) {
      io.stdout(schemaUsage());
      return EXIT_OK;
    }
    const kinds = shippedSchemaKinds().join(', ');
    if (positionals.length !== 1) throw new UsageError(`intc schema takes one kind (${kinds}); ${positionals.length} given.`);
    const path = shippedSchemaPath(positionals[0]!);
    if (path === undefined) throw new UsageError(`No schema for '${positionals[0]}': the kinds are ${kinds}.`);
    io.stdout(`${path}\n`);
    return EXIT_OK;
  });
}
