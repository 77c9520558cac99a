/** Small helpers over plain values that names from a manifest cannot trip up. */

/**
 * Reads a property only when the object has it itself, so names such as
 * `constructor` or `toString` never find what `Object.prototype` holds.
 */
export function own<T>(record: { readonly [key: string]: T } | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Sets a key as an own data property, as an assignment would, except that a
 * name such as `__proto__` stays data instead of setting the prototype.
 */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The object's own keys, sorted (UTF-16 order, the same everywhere). */
export function sortedKeys(record: object | undefined): string[] {
  return record === undefined ? [] : Object.keys(record).sort();
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value, so what is stored or validated is not the caller's object. */
export function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
