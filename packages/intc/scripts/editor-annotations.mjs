// Keeps the editor-only annotations of schema/*.schema.json in step with
// their descriptions: every schema node whose `description` holds Markdown
// (code in backticks, a link, a list, bold text) gets the same text as
// `markdownDescription`, which VS Code's YAML and JSON hovers render (a plain
// `description` is shown with its backticks escaped); a node whose
// description holds none has no `markdownDescription`. The files are written
// as JSON.stringify(…, null, 2) writes them.
//
//   node scripts/editor-annotations.mjs            rewrite the files that differ
//   node scripts/editor-annotations.mjs --check    exit 1 when one differs
//
// test/editor-schema.test.ts fails while a file is not as this script writes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
export const SCHEMA_FILES = ['integration.schema.json', 'interface.schema.json', 'bot.schema.json'];

/** Markdown a hover would show as punctuation: `code`, [a link](…), a list item, **bold**. */
const MARKUP = /`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)|(?:^|\n)\s*(?:[-*+]|\d+\.)\s|\*\*[^*\n]+\*\*/;

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = ['properties', 'definitions', '$defs', 'patternProperties'];
/** Keywords whose value is a schema. */
const SCHEMA_VALUES = ['items', 'additionalItems', 'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = ['items', 'anyOf', 'oneOf', 'allOf'];

/** The text of a schema file as this script writes it. */
export function annotatedSchemaText(text) {
  return `${JSON.stringify(annotate(JSON.parse(text)), null, 2)}\n`;
}

/** A copy of the schema node with `markdownDescription` set (right after `description`) or left out, at every depth. */
function annotate(node) {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const markdown = typeof node.description === 'string' && MARKUP.test(node.description);
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'markdownDescription') continue;
    if (SCHEMA_MAPS.includes(key) && isMap(value)) copy[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, annotate(child)]));
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) copy[key] = value.map(annotate);
    else if (SCHEMA_VALUES.includes(key)) copy[key] = annotate(value);
    else copy[key] = value;
    if (key === 'description' && markdown) copy.markdownDescription = value;
  }
  return copy;
}

function isMap(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function main(args) {
  const check = args.includes('--check');
  const stale = [];
  for (const file of SCHEMA_FILES) {
    const path = join(SCHEMA_DIR, file);
    const text = readFileSync(path, 'utf8');
    const annotated = annotatedSchemaText(text);
    if (annotated === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path, annotated);
  }
  if (stale.length === 0) console.log('schema/*.schema.json: editor annotations up to date.');
  else if (check) console.error(`Not up to date (run node scripts/editor-annotations.mjs): ${stale.join(', ')}`);
  else console.log(`Rewrote ${stale.join(', ')}.`);
  return check && stale.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
