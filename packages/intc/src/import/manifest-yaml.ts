/**
 * The text of an imported manifest: the editor modeline (the published
 * meta-schema of the intc that imported it, relative to the manifest), a
 * comment saying where it came from (no timestamp: two imports of the same
 * definition give the same bytes), then the manifest in block YAML with its
 * keys in the order they were built, every repeated object written out (no
 * anchors), long strings never folded.
 */
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { yaml } from '../load/yaml-module.js';
import type { JsonObject } from './plain-json.js';

export type ImportedKind = 'integration' | 'interface';

export function manifestYaml(manifest: JsonObject, file: string, kind: ImportedKind, origin: string): string {
  const { Document } = yaml();
  const body = new Document(manifest, { aliasDuplicateObjects: false }).toString({ lineWidth: 0, singleQuote: true });
  return `# yaml-language-server: $schema=${schemaReference(file, kind)}\n# ${origin}\n${body}`;
}

/** The meta-schema of `kind` as a path relative to the folder of `file`, `/`-separated. */
function schemaReference(file: string, kind: ImportedKind): string {
  const schema = fileURLToPath(new URL(`../../schema/${kind}.schema.json`, import.meta.url));
  const path = relative(dirname(file), schema).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}
