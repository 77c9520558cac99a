/** `intc docs`'s command line, here so the CLI can print its help without loading the docs code. */
import { DOCS_END, DOCS_START } from '../docs/readme-section.js';
import { defineCommand, formatOption, MAX_FILE_SIZE_OPTION } from './command-line.js';

export const DOCS_COMMAND = defineCommand({
  name: 'docs',
  operands: '[manifest or folder] [options]',
  summary: "write the hub readme's reference section from the manifest",
  description: `Writes the reference a hub readme needs from an integration manifest
(interfaces applied): overview, configuration, actions with their input and
output fields, events, channels with message types and tags, states, user tags,
secrets, interfaces implemented and entities. A new readme is created with a
title and the reference; after that, only the part between the lines
${DOCS_START} and ${DOCS_END} is rewritten, and your own text
around it is kept as written (a readme without the markers gets them appended).
With no file named, documents the config's manifest (when it names one), else
the manifest in the current folder.`,
  manifestsFromConfig: true,
  options: {
    out: { type: 'string', value: '<file.md>', help: "the readme to write, relative to the manifest's folder and inside it (default: the manifest's `readme`, else hub.md)" },
    check: { type: 'boolean', help: 'write nothing; exit 1 with a diff when the readme is out of date' },
    format: formatOption(['text', 'json', 'github'], 'output format; json: { diagnostics, errorCount, warningCount, readme, status, summary or problem, diff? }; github: workflow annotations'),
    'max-file-size': MAX_FILE_SIZE_OPTION,
  },
  exitCodes: {
    0: 'written, or up to date',
    1: 'manifest errors (nothing written), an out-of-date readme under --check, or a readme whose markers intc cannot read (one missing, or repeated)',
    3: 'the readme could not be read or written',
  },
});
