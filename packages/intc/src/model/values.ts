/** Safe readers for manifest values, which may not have the shape the meta-schema wants. */
export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a key as an own data property, as an assignment would, except that a
 * name such as `__proto__` stays data instead of setting the prototype.
 */
export function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The entries of an object (in source order), or none when it is not one. */
export function entriesOf(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}

export function keysOf(value: unknown): string[] {
  return isPlainObject(value) ? Object.keys(value) : [];
}

export function propertyOf(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

export function stringPropertyOf(value: unknown, key: string): string | undefined {
  const property = propertyOf(value, key);
  return typeof property === 'string' ? property : undefined;
}

export function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a number';
  return `a ${typeof value}`;
}

/** Ajv's `type` param ('integer', 'string,null' or a list) as prose: "an integer", "a string or null". */
export function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',');
  const named = types.map((t) => (t === 'null' ? 'null' : `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`));
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}
