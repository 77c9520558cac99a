/**
 * An `IntegrationDefinition` → the integration manifest, key for key as the
 * SDK defines it: its own actions, events and channels (from `props`, what
 * the author declared, not what `.extend()` merged in), the `interfaces:`
 * entries standing for the `.extend()` calls, and every schema converted.
 * `__advanced` keeps what still means something for a manifest (the
 * conversion options it held have been applied).
 */
import {
  actionsManifest,
  channelsManifest,
  entitiesManifest,
  eventsManifest,
  field,
  stringMap,
  tagsHolder,
  type ConvertSchema,
} from './member-manifests.js';
import { isDataObject, orderedObject, otherData, sortedMap, type JsonObject, type JsonValue } from './plain-json.js';

const TOP_LEVEL_ORDER = [
  'name', 'version', 'title', 'description', 'icon', 'readme', 'attributes',
  'configuration', 'configurations', 'identifier', 'secrets', 'user',
  'entities', 'states', 'actions', 'events', 'channels', 'interfaces', '__advanced',
];
/** `__advanced` options only the zod → JSON Schema conversion reads. */
export const CONVERSION_OPTIONS = ['useLegacyZuiTransformer', 'toJSONSchemaOptions'];

export interface IntegrationManifestInput {
  readonly definition: object;
  /** The `interfaces:` entries (interface-entries.ts), undefined when it extends none. */
  readonly interfaces: JsonObject | undefined;
  readonly convert: ConvertSchema;
  /** A file path the definition names (relative to its folder) → the same file, relative to the manifest. */
  readonly filePath: (path: string) => string;
}

export async function integrationManifest(input: IntegrationManifestInput): Promise<JsonObject> {
  const { convert, filePath } = input;
  const props = ownProps(input.definition);
  const path = (value: unknown) => (typeof value === 'string' ? filePath(value) : undefined);
  return orderedObject(
    {
      ...otherData(props, []),
      icon: path(field(props, 'icon')),
      readme: path(field(props, 'readme')),
      attributes: stringMap(field(props, 'attributes')),
      configuration: await configurationManifest(field(props, 'configuration'), convert, path, 'the configuration'),
      configurations: await sortedMap(field(props, 'configurations'), (configuration, name) =>
        configurationManifest(configuration, convert, path, `configuration ${name}`),
      ),
      identifier: identifierManifest(field(props, 'identifier'), path),
      secrets: await sortedMap(field(props, 'secrets'), (secret) => orderedObject(otherData(secret, []), ['description', 'optional'])),
      user: tagsHolder(field(props, 'user')),
      entities: await entitiesManifest(field(props, 'entities'), convert),
      states: await sortedMap(field(props, 'states'), async (state, name) =>
        orderedObject({ ...otherData(state, ['ui']), schema: await convert(state, `state ${name}`) }, ['type', 'schema']),
      ),
      actions: await actionsManifest(field(props, 'actions'), convert),
      events: await eventsManifest(field(props, 'events'), convert),
      channels: await channelsManifest(field(props, 'channels'), convert),
      interfaces: input.interfaces,
      __advanced: advancedManifest(field(props, '__advanced')),
    },
    TOP_LEVEL_ORDER,
  );
}

/** What the author passed to `new IntegrationDefinition(…)`; the instance itself for an SDK without `props`. */
export function ownProps(definition: object): object {
  const props = field(definition, 'props');
  return isDataObject(props) ? props : definition;
}

async function configurationManifest(
  configuration: unknown,
  convert: ConvertSchema,
  path: (value: unknown) => string | undefined,
  what: string,
): Promise<JsonObject | undefined> {
  if (!isDataObject(configuration)) return undefined;
  const identifier = field(configuration, 'identifier');
  return orderedObject(
    {
      ...otherData(configuration, ['ui']),
      schema: await convert(configuration, what),
      identifier: isDataObject(identifier)
        ? orderedObject({ ...otherData(identifier, []), linkTemplateScript: path(identifier.linkTemplateScript) }, ['required', 'linkTemplateScript'])
        : undefined,
    },
    ['title', 'description', 'schema', 'identifier'],
  );
}

function identifierManifest(identifier: unknown, path: (value: unknown) => string | undefined): JsonObject | undefined {
  if (!isDataObject(identifier)) return undefined;
  return orderedObject(
    {
      ...otherData(identifier, []),
      extractScript: path(identifier.extractScript),
      fallbackHandlerScript: path(identifier.fallbackHandlerScript),
    },
    ['extractScript', 'fallbackHandlerScript'],
  );
}

function advancedManifest(advanced: unknown): JsonObject | undefined {
  const kept: Record<string, JsonValue | undefined> = otherData(advanced, CONVERSION_OPTIONS);
  const built = orderedObject(kept, []);
  return Object.keys(built).length > 0 ? built : undefined;
}

