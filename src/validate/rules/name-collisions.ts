import { findNamedMaps } from '../../model/named-maps.js';
import { collisionKey } from '../../model/naming.js';
import type { Rule } from '../rule-context.js';

/**
 * Names that differ only by case or separators (`getUrl`, `getURL`) would
 * give one file name on a case-insensitive disk; the later one is reported.
 */
export const checkNameCollisions: Rule = (context) => {
  for (const { map, path, names } of findNamedMaps(context.manifest.kind, context.manifest.value)) {
    const firstByKey = new Map<string, string>();
    for (const name of names) {
      const key = collisionKey(name);
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, name);
      else context.report('name-collision', { kind: map.label, name, other: first }, [...path, name], 'key');
    }
  }
};
