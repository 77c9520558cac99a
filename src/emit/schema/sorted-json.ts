/**
 * JSON text with every object's keys in UTF-16 code unit order (numeric-looking
 * keys included, which JavaScript objects would otherwise put first), 2-space
 * indented like `JSON.stringify(value, null, 2)`. `first` keys of the outermost
 * object come before the sorted rest.
 */
import { compareNames } from '../../model/integration-model.js';
import { isPlainObject } from '../../model/values.js';

export function sortedJson(value: unknown, first: readonly string[] = []): string {
  return write(value, '', first);
}

function write(value: unknown, indent: string, first: readonly string[]): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    return `[\n${value.map((item) => inner + write(item, inner, [])).join(',\n')}\n${indent}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (keys.length === 0) return '{}';
    const leading = first.filter((key) => keys.includes(key));
    const ordered = [...leading, ...keys.filter((key) => !leading.includes(key)).sort(compareNames)];
    const inner = `${indent}  `;
    return `{\n${ordered.map((key) => `${inner}${JSON.stringify(key)}: ${write(value[key], inner, [])}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
