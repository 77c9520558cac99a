/**
 * A definition's zod schema → JSON Schema, as the Botpress CLI converts it
 * (packages/cli/src/utils/schema-utils.ts, mapZodToJsonSchema): the SDK's own
 * converter, `z.transforms.toJSONSchemaLegacy(schema, { target: 'jsonSchema7',
 * ...toJSONSchemaOptions })` when `__advanced.useLegacyZuiTransformer` is set,
 * else `z.transforms.toJSONSchema(schema, toJSONSchemaOptions)`; then local
 * `$ref`s inlined with json-schema-ref-parser (a circular one is kept); then
 * the definition's `ui` titles and examples put on the top-level properties.
 * The result is written as Botpress writes it, `x-zui` and all; only the
 * order of keywords is made canonical (schema-order.ts).
 */
import { createRequire } from 'node:module';
import type * as RefParser from '@apidevtools/json-schema-ref-parser';
import { isDataObject, plainJson, type JsonObject } from './plain-json.js';
import { orderSchema } from './schema-order.js';
import type { TransformOptions, ZuiTransforms } from './sdk-surface.js';

const nodeRequire = createRequire(import.meta.url);

/** Thrown when the SDK's converter fails; `what` names the schema ("action sendMessage input"). */
export class SchemaConversionError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`${what}: ${detail}`);
    this.name = 'SchemaConversionError';
  }
}

/** Converts `holder.schema` (`{ schema, ui? }`: a configuration, an action's input, an event…); undefined when it has none. */
export async function schemaToJson(transforms: ZuiTransforms, holder: unknown, options: TransformOptions, what: string): Promise<JsonObject | undefined> {
  if (!isDataObject(holder) || holder.schema === undefined) return undefined;
  let converted: unknown;
  try {
    converted = options.useLegacyZuiTransformer
      ? transforms.toJSONSchemaLegacy(holder.schema, { target: 'jsonSchema7', ...options.toJSONSchemaOptions })
      : transforms.toJSONSchema(holder.schema, options.toJSONSchemaOptions);
  } catch (error) {
    throw new SchemaConversionError(what, error instanceof Error ? error.message : String(error));
  }
  const copy = plainJson(converted);
  if (!isDataObject(copy)) throw new SchemaConversionError(what, 'the converter returned no JSON Schema object');
  let dereferenced: JsonObject;
  try {
    dereferenced = await inlineLocalRefs(copy as JsonObject);
  } catch (error) {
    throw new SchemaConversionError(what, error instanceof Error ? error.message : String(error));
  }
  applyUi(dereferenced, holder.ui);
  // A fresh copy: the dereferencer shares one object between every place a $ref pointed at it.
  return orderSchema(plainJson(dereferenced) as JsonObject);
}

/** The CLI's dereferenceSchema: internal `$ref`s replaced by what they point at; nothing fetched. */
async function inlineLocalRefs(schema: JsonObject): Promise<JsonObject> {
  const { dereference } = nodeRequire('@apidevtools/json-schema-ref-parser') as typeof RefParser;
  return (await dereference(schema as RefParser.JSONSchema, {
    resolve: { external: false, file: false, http: false },
    dereference: { circular: 'ignore' },
  })) as JsonObject;
}

/** `ui: { <property>: { title?, examples? } }` of a schema definition, as the CLI applies it to an object schema's properties. */
function applyUi(schema: JsonObject, ui: unknown): void {
  if (schema.type !== 'object' || !isDataObject(ui) || !isDataObject(schema.properties)) return;
  const properties = schema.properties as JsonObject;
  for (const [key, options] of Object.entries(ui)) {
    const property = properties[key];
    if (!isDataObject(property) || !isDataObject(options)) continue;
    const title = plainJson(options.title);
    const examples = plainJson(options.examples);
    if (title) (property as JsonObject).title = title;
    if (examples) (property as JsonObject).examples = examples;
  }
}
