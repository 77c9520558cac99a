/**
 * A JSON value (a manifest's configuration) as a TypeScript expression:
 * object keys sorted by UTF-16 code units, 2-space indented, identifier keys
 * bare. Strings are JSON literals (double-quoted: `${NAME}` stays text, no
 * template). A `__proto__` key is written computed (`["__proto__"]`), since
 * a plain or quoted one would set the object's prototype instead.
 */
import { compareNames } from '../../model/integration-model.js';
import { isPlainObject } from '../../model/values.js';
import { stringLiteral, typeKey } from '../api/ts-syntax.js';

export function tsLiteral(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${tsLiteral(item, inner)},\n`).join('')}${indent}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareNames);
    if (keys.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${keys.map((key) => `${inner}${literalKey(key)}: ${tsLiteral(value[key], inner)},\n`).join('')}${indent}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value) ?? 'null';
}

function literalKey(key: string): string {
  return key === '__proto__' ? `[${stringLiteral(key)}]` : typeKey(key);
}
