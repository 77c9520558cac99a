/** `intc diff`'s command line, here so the CLI can print its help without loading the diff code. */
import { defineCommand, formatOption, MAX_FILE_SIZE_OPTION } from './command-line.js';

export const DIFF_COMMAND = defineCommand({
  name: 'diff',
  operands: '<old> <new> [options]',
  summary: 'report breaking, feature and patch changes and the version bump they need',
  description: `Compares two versions of an integration manifest (interfaces applied) and
reports every change with a code, a severity and its place: breaking (a bot or
caller built against the old version can break), feature (a compatible
addition), patch (titles, descriptions, annotations). Then prints the version
bump the changes require ("major: 1.4.2 → 2.0.0"; below 1.0.0 a breaking
change needs a minor bump).

<old> and <new> are each a manifest file, a folder holding one, or
<git-ref>:<path>, read from git at that revision with the files it references
(the path starts at the repository's top folder; ./ or ../ at the current
folder): intc diff main:integration.yaml integration.yaml`,
  options: {
    format: formatOption(['text', 'json', 'github'], 'output format; github prints workflow commands: breaking → ::error, feature → ::warning, patch → ::notice'),
    'check-version': { type: 'boolean', help: "exit 1 when the new manifest's version is lower than the required bump" },
    'max-file-size': MAX_FILE_SIZE_OPTION,
  },
  exitCodes: {
    0: 'compared (whatever the bump)',
    1: 'a side has manifest errors, or --check-version failed',
  },
});
