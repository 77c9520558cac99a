/**
 * The manifest form of the members integrations and interfaces share
 * (actions, events, channels, entities, tags), key for key as the SDK
 * defines them, with each zod schema converted by `convert`. Keys a
 * definition holds that the SDK types do not name are carried through as
 * data (validation then reports them where they are), never dropped.
 */
import { defineOwn } from '../model/values.js';
import { compareNames } from '../model/integration-model.js';
import { isDataObject, orderedObject, otherData, plainJson, sortedMap, type JsonObject } from './plain-json.js';

/** Converts `holder.schema` (`what` names it in errors); undefined when there is none. */
export type ConvertSchema = (holder: unknown, what: string) => Promise<JsonObject | undefined>;

/** `{ schema }` of an action's input or output, or a channel's message. */
export async function schemaHolder(holder: unknown, convert: ConvertSchema, what: string): Promise<JsonObject> {
  return orderedObject({ schema: await convert(holder, what), ...otherData(holder, ['schema', 'ui']) }, ['schema']);
}

export function actionsManifest(actions: unknown, convert: ConvertSchema): Promise<JsonObject | undefined> {
  return sortedMap(actions, async (action, name) =>
    orderedObject(
      {
        ...otherData(action, []),
        attributes: stringMap(field(action, 'attributes')),
        input: await schemaHolder(field(action, 'input'), convert, `action ${name} input`),
        output: await schemaHolder(field(action, 'output'), convert, `action ${name} output`),
      },
      ['title', 'description', 'billable', 'cacheable', 'attributes', 'input', 'output'],
    ),
  );
}

export function eventsManifest(events: unknown, convert: ConvertSchema): Promise<JsonObject | undefined> {
  return sortedMap(events, async (event, name) =>
    orderedObject(
      { ...otherData(event, ['ui']), attributes: stringMap(field(event, 'attributes')), schema: await convert(event, `event ${name}`) },
      ['title', 'description', 'attributes', 'schema'],
    ),
  );
}

export function channelsManifest(channels: unknown, convert: ConvertSchema): Promise<JsonObject | undefined> {
  return sortedMap(channels, async (channel, name) =>
    orderedObject(
      {
        ...otherData(channel, []),
        messages: (await sortedMap(field(channel, 'messages'), (message, type) => schemaHolder(message, convert, `channel ${name} message ${type}`))) ?? {},
        conversation: tagsHolder(field(channel, 'conversation')),
        message: tagsHolder(field(channel, 'message')),
      },
      ['title', 'description', 'messages', 'conversation', 'message'],
    ),
  );
}

export function entitiesManifest(entities: unknown, convert: ConvertSchema): Promise<JsonObject | undefined> {
  return sortedMap(entities, async (entity, name) =>
    orderedObject({ ...otherData(entity, ['ui']), schema: await convert(entity, `entity ${name}`) }, ['title', 'description', 'schema']),
  );
}

/** `{ tags: { <tag>: { title?, description? } }, … }` of a user, a channel's conversations or messages; undefined when it holds nothing. */
export function tagsHolder(holder: unknown): JsonObject | undefined {
  if (!isDataObject(holder)) return undefined;
  const tags = sortedTags(holder.tags);
  const built = orderedObject({ ...otherData(holder, []), tags }, ['tags']);
  return Object.keys(built).length > 0 ? built : undefined;
}

function sortedTags(tags: unknown): JsonObject | undefined {
  if (!isDataObject(tags)) return undefined;
  const sorted: JsonObject = {};
  for (const name of Object.keys(tags).sort(compareNames)) defineOwn(sorted, name, orderedObject({ ...otherData(tags[name], []) }, ['title', 'description']));
  return Object.keys(sorted).length > 0 ? sorted : undefined;
}

/** A string → string map (attributes) with its keys sorted; undefined when empty or not one. */
export function stringMap(value: unknown): JsonObject | undefined {
  if (!isDataObject(value)) return undefined;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort(compareNames)) {
    const item = plainJson(value[key]);
    if (item !== undefined) defineOwn(sorted, key, item);
  }
  return Object.keys(sorted).length > 0 ? sorted : undefined;
}

/** `source[key]` of a definition object (an own data property; undefined otherwise). */
export function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null && Object.prototype.hasOwnProperty.call(source, key)
    ? (source as Record<string, unknown>)[key]
    : undefined;
}

/** `value` as JSON data when it is a string, else undefined. */
export function stringField(source: unknown, key: string): string | undefined {
  const value = field(source, key);
  return typeof value === 'string' ? value : undefined;
}

