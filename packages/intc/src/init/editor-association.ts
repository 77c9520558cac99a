/**
 * Which meta-schema an editor applies to which manifest, by file name at any
 * depth (the file names `kindFromFileName` recognises), so no manifest needs a
 * `# yaml-language-server: $schema=…` modeline, whose relative path breaks as
 * soon as the file is one folder deeper. `intc init` writes these settings
 * into `.vscode/settings.json`; `intc schema <kind>` prints a shipped schema's
 * path for editors configured another way.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANIFEST_KINDS, type ManifestKind } from '../model/manifest-kind.js';
import { schemaDirectory } from '../meta/meta-validators.js';

/** Where the schemas are in a project that installed intc, relative to the project (the editor's workspace folder). */
export const INSTALLED_SCHEMA_FOLDER = './node_modules/intc/schema';

/** The file names of one kind of manifest, as globs the YAML and JSON language servers match at any depth. */
export function manifestFileGlobs(kind: ManifestKind, extensions: readonly string[]): string[] {
  return extensions.flatMap((extension) => [`${kind}.${extension}`, `*.${kind}.${extension}`]);
}

/** VS Code's `yaml.schemas` (the Red Hat YAML extension) and `json.schemas` settings for every kind of manifest. */
export function editorSettings(): { 'yaml.schemas': Record<string, string[]>; 'json.schemas': { fileMatch: string[]; url: string }[] } {
  const schemaOf = (kind: ManifestKind) => `${INSTALLED_SCHEMA_FOLDER}/${kind}.schema.json`;
  return {
    'yaml.schemas': Object.fromEntries(MANIFEST_KINDS.map((kind) => [schemaOf(kind), manifestFileGlobs(kind, ['yaml', 'yml'])])),
    'json.schemas': MANIFEST_KINDS.map((kind) => ({ fileMatch: manifestFileGlobs(kind, ['json']), url: schemaOf(kind) })),
  };
}

/** The kind `intc schema` names each shipped schema file by: the file name without `.schema.json`, but `config` for the intc config's. */
const KIND_OF_FILE: Readonly<Record<string, string>> = { 'intc.config': 'config' };
const fileOfKind = (kind: string) => Object.entries(KIND_OF_FILE).find(([, named]) => named === kind)?.[0] ?? kind;

/** The kinds of schema intc ships (`integration`, `interface`, `bot`, `config`, and any other `<kind>.schema.json`), sorted. */
export function shippedSchemaKinds(): string[] {
  return readdirSync(schemaDirectory)
    .filter((name) => name.endsWith('.schema.json'))
    .map((name) => name.slice(0, -'.schema.json'.length))
    .map((file) => KIND_OF_FILE[file] ?? file)
    .sort();
}

/** The absolute path of the shipped schema of `kind`, or undefined when intc ships none by that name. */
export function shippedSchemaPath(kind: string): string | undefined {
  if (!/^[a-z][a-z-]*$/.test(kind)) return undefined;
  const path = fileURLToPath(new URL(`${fileOfKind(kind)}.schema.json`, schemaDirectory));
  return existsSync(path) ? path : undefined;
}
