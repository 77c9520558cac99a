import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import type { ManifestKind } from '../model/manifest-kind.js';
import * as compiled from './compiled.generated.js';

/** A standalone Ajv validator, generated at build time from schema/<kind>.schema.json. */
export interface MetaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validators: Record<ManifestKind, MetaValidator> = {
  integration: compiled.integrationManifest as MetaValidator,
  interface: compiled.interfaceManifest as MetaValidator,
  bot: compiled.botManifest as MetaValidator,
};

export function metaValidator(kind: ManifestKind): MetaValidator {
  return validators[kind];
}

const schemaDirectory = new URL('../../schema/', import.meta.url);
const metaSchemaCache = new Map<ManifestKind, unknown>();

/** The meta-schema as JSON, read only when a manifest has errors (for titles and "did you mean"). */
export function metaSchemaDocument(kind: ManifestKind): unknown {
  let document = metaSchemaCache.get(kind);
  if (document === undefined) {
    document = JSON.parse(readFileSync(new URL(`${kind}.schema.json`, schemaDirectory), 'utf8')) as unknown;
    metaSchemaCache.set(kind, document);
  }
  return document;
}

export function metaSchemaPath(kind: ManifestKind): string {
  return new URL(`${kind}.schema.json`, schemaDirectory).pathname;
}
