/**
 * Plain JSON copies of what a loaded definition holds. Definitions are live
 * JavaScript (class instances, zod schemas, functions, shared and repeated
 * objects); a manifest is data. These helpers copy data only and give every
 * occurrence its own copy, and put keys in the order the manifest is written.
 */
import { defineOwn } from '../model/values.js';
import { compareNames } from '../model/integration-model.js';

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** True for `{}`-made objects (not arrays, class instances, zod schemas). */
export function isDataObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A JSON copy of `value`, or undefined when it is not data (a function, a class instance, undefined). Object keys keep their order. */
export function plainJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : undefined;
  if (Array.isArray(value)) return value.map((item) => plainJson(item) ?? null);
  if (!isDataObject(value)) return undefined;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const json = plainJson(item);
    if (json !== undefined) defineOwn(copy, key, json);
  }
  return copy;
}

/** `entries` as an object: the keys of `order` first, in that order, then any other key in name order; undefined values left out. */
export function orderedObject(entries: Readonly<Record<string, JsonValue | undefined>>, order: readonly string[]): JsonObject {
  const keys = [...order.filter((key) => key in entries), ...Object.keys(entries).filter((key) => !order.includes(key)).sort(compareNames)];
  const object: JsonObject = {};
  for (const key of keys) {
    const value = entries[key];
    if (value !== undefined) defineOwn(object, key, value);
  }
  return object;
}

/** A named map (actions, events, tags…) with its keys in name order, each value built by `build`; undefined when nothing is left. */
export async function sortedMap(value: unknown, build: (item: unknown, name: string) => Promise<JsonValue | undefined> | JsonValue | undefined): Promise<JsonObject | undefined> {
  if (typeof value !== 'object' || value === null) return undefined;
  const map: JsonObject = {};
  for (const name of Object.keys(value).sort(compareNames)) {
    const built = await build((value as Record<string, unknown>)[name], name);
    if (built !== undefined) defineOwn(map, name, built);
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

/** The data of `source` not among `known`, as sorted entries for `orderedObject` (what the SDK may add later is carried, not dropped). */
export function otherData(source: unknown, known: readonly string[]): Record<string, JsonValue | undefined> {
  if (typeof source !== 'object' || source === null) return {};
  const other: Record<string, JsonValue | undefined> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!known.includes(key)) defineOwn(other, key, plainJson(value));
  }
  return other;
}
