/**
 * JSON text with every object's keys in UTF-16 code unit order (numeric-looking
 * keys included, which JavaScript objects would otherwise put first), 2-space
 * indented like `JSON.stringify(value, null, 2)`. `first` keys of the outermost
 * object come before the sorted rest.
 */
import { compareNames } from '../../model/integration-model.js';
import { isPlainObject } from '../../model/values.js';

export function sortedJson(value: unknown, first: readonly string[] = []): string {
  const parts: string[] = [];
  write(value, '', first, parts);
  return parts.join('');
}

/** Appends the text of `value` to `parts` (one join at the end: no copying of nested text per level). */
function write(value: unknown, indent: string, first: readonly string[], parts: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void parts.push('[]');
    const inner = `${indent}  `;
    parts.push('[');
    value.forEach((item, index) => {
      parts.push(index === 0 ? `\n${inner}` : `,\n${inner}`);
      write(item, inner, [], parts);
    });
    return void parts.push(`\n${indent}]`);
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (keys.length === 0) return void parts.push('{}');
    const leading = first.filter((key) => keys.includes(key));
    const rest = leading.length === 0 ? keys.sort(compareNames) : keys.filter((key) => !leading.includes(key)).sort(compareNames);
    const inner = `${indent}  `;
    parts.push('{');
    [...leading, ...rest].forEach((key, index) => {
      parts.push(`${index === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
      write(value[key], inner, [], parts);
    });
    return void parts.push(`\n${indent}}`);
  }
  parts.push(JSON.stringify(value) ?? 'null');
}
