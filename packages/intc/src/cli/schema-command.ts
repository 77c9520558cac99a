/** `intc schema <kind>`: the path of a shipped meta-schema, for editors other than VS Code. */
import { shippedSchemaKinds, shippedSchemaPath } from '../init/editor-association.js';
import { UsageError } from './find-manifests.js';
import { EXIT_OK, type CliIo } from './io.js';
import { readCommand } from './read-command.js';
import { SCHEMA_COMMAND } from './schema-usage.js';

export function runSchema(args: readonly string[], io: CliIo): number {
  const input = readCommand(SCHEMA_COMMAND, args, io);
  if (!input) return EXIT_OK;
  const kinds = shippedSchemaKinds().join(', ');
  const { positionals } = input;
  if (positionals.length !== 1) throw new UsageError(`intc schema takes one kind (${kinds}); ${positionals.length} given.`);
  const path = shippedSchemaPath(positionals[0]!);
  if (path === undefined) throw new UsageError(`No schema for '${positionals[0]}': the kinds are ${kinds}.`);
  io.stdout(`${path}\n`);
  return EXIT_OK;
}
