/**
 * Keywords an embedded schema may carry for other tools, beside JSON Schema's
 * own: vendor extensions (`x-` keys, the OpenAPI convention; Botpress writes
 * `x-zui` on every node) and OpenAPI's `discriminator`. They are kept as
 * written in definition.json and ignored by every validator: intc's strict
 * checks, and the Ajv code it compiles and generates (Ajv's own
 * `discriminator` is stricter than OpenAPI's, so it is not used).
 */
import { propertyOf, type PlainObject } from './values.js';

/** The key Botpress's zod converter writes its UI options under (title, secret, placeholder, hidden, displayAs…). */
export const ZUI_KEYWORD = 'x-zui';

/** `x-zui`, `x-order`…: any key starting with `x-` (the meta-schemas allow them with `patternProperties: { '^x-': {} }`). */
export function isVendorExtension(keyword: string): boolean {
  return keyword.startsWith('x-');
}

/** Keywords that say nothing about a value's validity: left out of every schema handed to Ajv. */
export function isIgnoredByValidators(keyword: string): boolean {
  return isVendorExtension(keyword) || keyword === 'discriminator';
}

/**
 * The title of a schema node: its own `title`, else Botpress's `x-zui.title`
 * (what zod's `.title()` becomes); blank titles count as none. A plain
 * `title` wins when both are there: it is the standard keyword, written for
 * every JSON Schema reader.
 */
export function schemaTitle(node: PlainObject): string | undefined {
  for (const title of [node.title, propertyOf(propertyOf(node, ZUI_KEYWORD), 'title')]) {
    if (typeof title === 'string' && title.trim() !== '') return title;
  }
  return undefined;
}
