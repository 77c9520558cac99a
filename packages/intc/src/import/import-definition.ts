/**
 * `intc import`, one stage a line: find the definition, load the project's
 * SDK, bundle and run the definition (its `.extend()` calls recorded), then
 * build the integration manifest and one manifest per interface it extends.
 * Returns the files to write; writes nothing (write-imported.ts does).
 * Problems the user must fix are thrown as an ImportFailure.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { bundleDefinition } from './bundle-definition.js';
import { evaluateDefinition, type DefinitionKind } from './evaluate-definition.js';
import { findDefinition } from './find-definition.js';
import { importFailure } from './import-failure.js';
import { planInterfaces, type InterfaceToWrite } from './interface-entries.js';
import { interfaceManifest } from './interface-manifest.js';
import { CONVERSION_OPTIONS, integrationManifest, ownProps } from './integration-manifest.js';
import { manifestYaml } from './manifest-yaml.js';
import { field, type ConvertSchema } from './member-manifests.js';
import { isDataObject } from './plain-json.js';
import { loadProjectSdk } from './project-sdk.js';
import { assertAllExtensionsSeen, type RecordedExtension } from './record-extensions.js';
import { SchemaConversionError, schemaToJson } from './schema-to-json.js';
import type { TransformOptions, ZuiTransforms } from './sdk-surface.js';

export interface ImportedFile {
  /** Absolute path, inside the output folder. */
  readonly path: string;
  readonly content: string;
}

export interface ImportedDefinition {
  readonly definitionFile: string;
  readonly kind: DefinitionKind;
  /** The definition as the SDK resolved it (after `.extend()`): what the manifests stand for. */
  readonly definition: object;
  readonly sdkVersion: string | undefined;
  readonly outDir: string;
  /** The main manifest first, then the interface manifests by folder. */
  readonly files: readonly ImportedFile[];
}

export interface ImportOptions {
  readonly cwd: string;
  /** The output folder (absolute); default: the definition's folder. */
  readonly outDir?: string;
}

export async function importDefinition(target: string, options: ImportOptions): Promise<ImportedDefinition> {
  const definitionFile = findDefinition(target, options.cwd);
  const project = loadProjectSdk(definitionFile);
  const code = await bundleDefinition(definitionFile);
  const loaded = evaluateDefinition(code, definitionFile, project);
  const outDir = options.outDir ?? dirname(definitionFile);
  const origin = `Imported by \`intc import\` from ${posixRelative(outDir, definitionFile)} with @botpress/sdk ${project.version ?? '(unknown version)'}.`;
  const transforms = project.sdk.z.transforms;
  const filePath = relocator(dirname(definitionFile), outDir);
  const files =
    loaded.kind === 'interface'
      ? [await interfaceFile({ definition: loaded.definition, path: join(outDir, 'interface.yaml'), transforms, definitionFile, origin, filePath })]
      : await integrationFiles(loaded.definition, loaded.extensions, { outDir, definitionFile, transforms, origin, filePath });
  return { definitionFile, kind: loaded.kind, definition: loaded.definition, sdkVersion: project.version, outDir, files };
}

interface IntegrationContext {
  readonly outDir: string;
  readonly definitionFile: string;
  readonly transforms: ZuiTransforms;
  readonly origin: string;
  readonly filePath: (path: string) => string;
}

async function integrationFiles(definition: object, extensions: readonly RecordedExtension[], context: IntegrationContext): Promise<ImportedFile[]> {
  const { outDir, definitionFile, transforms, origin, filePath } = context;
  assertAllExtensionsSeen(definition, extensions, definitionFile);
  const planned = await planInterfaces(extensions);
  const manifest = await integrationManifest({
    definition,
    interfaces: planned.entries,
    convert: converter(transforms, field(ownProps(definition), '__advanced'), definitionFile),
    filePath,
  });
  const main = join(outDir, 'integration.yaml');
  const interfaces = await Promise.all(
    planned.interfaces.map((target) =>
      interfaceFile({
        definition: target.definition,
        path: interfacePath(outDir, target),
        transforms,
        definitionFile,
        origin: `${origin} Interface ${target.name} ${target.version}.`,
        advanced: target.advanced,
      }),
    ),
  );
  return [{ path: main, content: manifestYaml(manifest, main, 'integration', origin) }, ...interfaces];
}

interface InterfaceFileInput {
  readonly definition: object;
  readonly path: string;
  readonly transforms: ZuiTransforms;
  readonly definitionFile: string;
  readonly origin: string;
  /** Its `__advanced` (default: the definition's own). */
  readonly advanced?: unknown;
  /** Where its icon and readme paths lead from the manifest; without it (an interface extended, whose folder is not known) they are left out. */
  readonly filePath?: (path: string) => string;
}

async function interfaceFile(input: InterfaceFileInput): Promise<ImportedFile> {
  const { definition, path, transforms, definitionFile, origin } = input;
  const advanced = 'advanced' in input ? input.advanced : field(definition, '__advanced');
  const manifest = await interfaceManifest(definition, converter(transforms, advanced, definitionFile), input.filePath);
  return { path, content: manifestYaml(manifest, path, 'interface', origin) };
}

/** A path a definition gives (relative to its folder) → the same file relative to `outDir`; kept as written when no such file exists. */
function relocator(definitionFolder: string, outDir: string): (path: string) => string {
  return (path) => {
    const file = resolve(definitionFolder, path);
    return existsSync(file) ? posixRelative(outDir, file) : path;
  };
}

function interfacePath(outDir: string, target: InterfaceToWrite): string {
  return join(outDir, ...target.folder.split('/'), 'interface.yaml');
}

/** The schema converter for one definition's `__advanced` options; a conversion error becomes the definition's diagnostic. */
function converter(transforms: ZuiTransforms, advanced: unknown, definitionFile: string): ConvertSchema {
  const options: TransformOptions = isDataObject(advanced)
    ? Object.fromEntries(CONVERSION_OPTIONS.filter((key) => advanced[key] !== undefined).map((key) => [key, advanced[key]]))
    : {};
  return async (holder, what) => {
    try {
      return await schemaToJson(transforms, holder, options, what);
    } catch (error) {
      if (!(error instanceof SchemaConversionError)) throw error;
      throw importFailure('schema-conversion-failed', { what: error.what, detail: error.detail }, definitionFile);
    }
  };
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}
