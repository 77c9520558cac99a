import { fixOf } from '../../diagnostics/diagnostic.js';
import { renameKey } from '../../fix/source-edits.js';
import { findNamedMaps } from '../../model/named-maps.js';
import { isReservedWord, isWindowsDeviceName, RESERVED_WORD_RULE, WINDOWS_DEVICE_NAME_RULE } from '../../model/naming.js';
import type { Rule } from '../rule-context.js';

/** Names follow Botpress: camelCase for most things, SCREAMING_SNAKE_CASE for secrets. */
export const checkNaming: Rule = (context) => {
  for (const { map, path, names } of findNamedMaps(context.manifest.kind, context.manifest.value)) {
    for (const name of names) {
      if (map.namesFiles && isWindowsDeviceName(name)) {
        const other = `${name}${map.label.replace(/\W/g, '')}`;
        context.report('invalid-name', { kind: map.label, name, rule: WINDOWS_DEVICE_NAME_RULE }, [...path, name], 'key', fixOf(`Choose another name, such as \`${other}\`.`));
        continue;
      }
      if (map.namesBindings && isReservedWord(name)) {
        context.report('invalid-name', { kind: map.label, name, rule: RESERVED_WORD_RULE }, [...path, name], 'key', fixOf(`Choose another name, such as \`${name}Alias\`.`));
        continue;
      }
      if (map.rule.pattern.test(name)) continue;
      // A suggestion made by dropping non-ASCII letters, or one that is already taken, would mislead.
      const fixed = /^[\x20-\x7e]*$/.test(name) ? map.rule.suggest(name) : '';
      const suggestion = fixed && fixed !== name && map.rule.pattern.test(fixed) && !names.includes(fixed) ? fixed : undefined;
      const at = [...path, name];
      const fix = suggestion ? fixOf(`Write \`${suggestion}\`.`, renameKey(context.manifest.file, at, suggestion)) : undefined;
      context.report('invalid-name', { kind: map.label, name, rule: map.rule.description }, at, 'key', fix);
    }
  }
};
