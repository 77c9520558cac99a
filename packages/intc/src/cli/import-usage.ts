/** `intc import --help`, here so the CLI can print it without loading the import code. */
export const IMPORT_USAGE = `Usage: intc import [definition or folder...] [options]

Converts a Botpress integration (integration.definition.ts, or the folder
holding it; default: the current folder) into integration.yaml, and one
interfaces/<name>/interface.yaml for each interface it extends. The definition
runs with the project's own @botpress/sdk (install the project's dependencies
first) and its schemas are converted with the SDK's converter, as the Botpress
CLI does. Existing manifests are never overwritten without --force. When any
of the definitions named cannot be imported, nothing is written.

Options:
  --out <dir>             where to write the manifests of the one definition named
                          (default: each definition's folder)
  --force                 replace manifests that exist
  --format <text|json>    output format (default: text)
  -h, --help              show this help
`;
