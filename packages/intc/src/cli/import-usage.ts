/** `intc import`'s command line, here so the CLI can print its help without loading the import code. */
import { defineCommand, formatOption } from './command-line.js';

export const IMPORT_COMMAND = defineCommand({
  name: 'import',
  operands: '[definition or folder...] [options]',
  summary: 'convert Botpress integration.definition.ts files into manifests',
  description: `Converts a Botpress integration (integration.definition.ts, or the folder
holding it; default: the current folder) into integration.yaml, and one
interfaces/<name>/interface.yaml for each interface it extends. The definition
runs with the project's own @botpress/sdk (install the project's dependencies
first) and its schemas are converted with the SDK's converter, as the Botpress
CLI does. Existing manifests are never overwritten without --force. When any
of the definitions named cannot be imported, nothing is written.`,
  options: {
    out: { type: 'string', value: '<dir>', help: "where to write the manifests of the one definition named (default: each definition's folder)" },
    force: { type: 'boolean', help: 'replace manifests that exist' },
    format: formatOption(['text', 'json', 'github'], 'output format; json: { diagnostics, errorCount, warningCount, files, summary }; github: workflow annotations'),
  },
  exitCodes: {
    0: 'written (or already up to date)',
    1: 'nothing written: a problem to fix is reported (a definition that fails to load or convert, a manifest that exists)',
    3: "nothing written: the project's @botpress/sdk is not installed, or a manifest could not be written",
  },
});
