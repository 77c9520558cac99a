/**
 * An interface's definition → its interface manifest. The SDK's
 * `InterfaceDefinition` calls each schema builder with `z.ref('<entity>')`
 * for every entity, which the converter writes `{ $ref: '<entity>' }`; in a
 * manifest that is `$ref: '#/entities/<entity>'`. Schemas are converted with
 * the interface's own `__advanced` options, as the Botpress CLI deploys it.
 */
import { defineOwn } from '../model/values.js';
import { ENTITY_REF_PREFIX } from '../validate/json-pointer.js';
import { actionsManifest, channelsManifest, entitiesManifest, eventsManifest, field, stringMap, type ConvertSchema } from './member-manifests.js';
import { isDataObject, orderedObject, otherData, type JsonObject, type JsonValue } from './plain-json.js';

const TOP_LEVEL_ORDER = ['name', 'version', 'title', 'description', 'icon', 'readme', 'attributes', 'entities', 'actions', 'events', 'channels'];
/** Keys of an interface definition that are not manifest data (`props` holds the schema builders; `__advanced` is applied). */
const LEFT_OUT = ['props', 'clone', '__advanced', 'metadata', 'icon', 'readme'];

/** `filePath` rewrites the icon and readme paths for the manifest's folder; without it they are left out. */
export async function interfaceManifest(definition: object, convert: ConvertSchema, filePath?: (path: string) => string): Promise<JsonObject> {
  const entityNames = Object.keys(isDataObject(field(definition, 'entities')) ? (field(definition, 'entities') as object) : {});
  const convertWithRefs: ConvertSchema = async (holder, what) => {
    const schema = await convert(holder, what);
    return schema && (pointAtEntities(schema, new Set(entityNames)) as JsonObject);
  };
  return orderedObject(
    {
      ...otherData(definition, LEFT_OUT),
      icon: filePath && typeof field(definition, 'icon') === 'string' ? filePath(field(definition, 'icon') as string) : undefined,
      readme: filePath && typeof field(definition, 'readme') === 'string' ? filePath(field(definition, 'readme') as string) : undefined,
      attributes: stringMap(field(definition, 'attributes')),
      entities: await entitiesManifest(field(definition, 'entities'), convertWithRefs),
      actions: await actionsManifest(field(definition, 'actions'), convertWithRefs),
      events: await eventsManifest(field(definition, 'events'), convertWithRefs),
      channels: await channelsManifest(field(definition, 'channels'), convertWithRefs),
    },
    TOP_LEVEL_ORDER,
  );
}

/** `{ $ref: 'item' }` → `{ $ref: '#/entities/item' }` for each of the interface's entities, at any depth. */
function pointAtEntities(value: JsonValue, entities: ReadonlySet<string>): JsonValue {
  if (Array.isArray(value)) return value.map((item) => pointAtEntities(item, entities));
  if (!isDataObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value as JsonObject)) {
    defineOwn(copy, key, key === '$ref' && typeof item === 'string' && entities.has(item) ? `${ENTITY_REF_PREFIX}${item}` : pointAtEntities(item, entities));
  }
  return copy;
}
