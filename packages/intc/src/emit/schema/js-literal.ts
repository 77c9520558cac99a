/**
 * A JSON value as a one-line JavaScript expression, keys in their own order:
 * JSON text, except that a `__proto__` key is written computed
 * (`["__proto__"]`), since a plain or quoted one would set the object's
 * prototype, and strings hold no invisible or reordering characters.
 */
import { isPlainObject } from '../../model/values.js';
import { stringLiteral } from './comment-text.js';

export function jsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsLiteral).join(',')}]`;
  if (isPlainObject(value)) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .map((key) => `${key === '__proto__' ? `[${stringLiteral(key)}]` : stringLiteral(key)}:${jsLiteral(value[key])}`);
    return `{${members.join(',')}}`;
  }
  if (typeof value === 'string') return stringLiteral(value);
  return JSON.stringify(value) ?? 'null';
}
