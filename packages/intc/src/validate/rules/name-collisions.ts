import type { ValuePath } from '../../load/source-file.js';
import { findNamedMaps } from '../../model/named-maps.js';
import { collisionKey } from '../../model/naming.js';
import { interfaceEntries, memberRename, type InterfaceSection } from '../../model/interface-extension.js';
import { keysOf, propertyOf } from '../../model/values.js';
import type { Rule, RuleContext } from '../rule-context.js';

/**
 * Names that differ only by case or separators (`getUrl`, `getURL`) would
 * give one file name on a case-insensitive disk; the later one is reported.
 * Tags are only string keys, so they are not compared.
 * An integration's actions, events and channels include the ones its
 * interfaces bring (under their new names), so those are compared too.
 */
export const checkNameCollisions: Rule = (context) => {
  for (const { map, path, names } of findNamedMaps(context.manifest.kind, context.manifest.value)) {
    if (map.keysOnly) continue;
    const firstByKey = new Map<string, string>();
    for (const name of names) {
      const key = collisionKey(name);
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, name);
      else context.report('name-collision', { kind: map.label, name, other: first }, [...path, name], 'key');
    }
  }
  if (context.manifest.kind === 'integration') checkInterfaceMemberCollisions(context);
};

const MEMBER_SECTIONS = [
  ['actions', 'Action'],
  ['events', 'Event'],
  ['channels', 'Channel'],
] as const;

/** A name an interface gives the integration, and where the manifest says it (the rename, or the interface entry). */
interface InheritedName {
  readonly name: string;
  readonly at: ValuePath;
  readonly part: 'key' | 'value';
}

/**
 * An interface member arrives under its own name or the entry's `name:`
 * rename. The same name as an own member (or another interface's) merges, by
 * design; a name that differs from one of them only by case would give two
 * handler stubs one file. Reported at the rename when there is one, else at
 * the own member's key, else at the interface entry.
 */
function checkInterfaceMemberCollisions(context: RuleContext): void {
  const { value } = context.manifest;
  for (const [section, label] of MEMBER_SECTIONS) {
    const own = new Map<string, string>();
    for (const name of keysOf(propertyOf(value, section))) if (!own.has(collisionKey(name))) own.set(collisionKey(name), name);
    const seen = new Map(own);
    for (const inherited of inheritedNames(context, section)) {
      const key = collisionKey(inherited.name);
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, inherited.name);
        continue;
      }
      if (first === inherited.name) continue;
      const ownFirst = own.get(key) === first;
      const [name, other, at, part] =
        inherited.part === 'value' || !ownFirst ? [inherited.name, first, inherited.at, inherited.part] : [first, inherited.name, [section, first], 'key' as const];
      context.report('name-collision', { kind: label, name, other }, at, part);
    }
  }
}

function inheritedNames(context: RuleContext, section: InterfaceSection): InheritedName[] {
  const found: InheritedName[] = [];
  const readable = interfaceEntries(context.manifest.value, (from, alias) => context.resolveManifest(from, 'interface', ['interfaces', alias, 'from']));
  for (const { alias, entry, iface } of readable) {
    for (const member of keysOf(propertyOf(iface.value, section))) {
      const rename = memberRename(entry, section, member);
      found.push(
        rename === undefined
          ? { name: member, at: ['interfaces', alias], part: 'key' }
          : { name: rename, at: ['interfaces', alias, section, member, 'name'], part: 'value' },
      );
    }
  }
  return found;
}
