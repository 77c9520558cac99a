import { fixOf } from '../../diagnostics/diagnostic.js';
import { closestMatch } from '../../diagnostics/did-you-mean.js';
import { renameKey, replaceValue, swapEntry } from '../../fix/source-edits.js';
import type { LoadedManifest } from '../../load/load-manifest.js';
import { entriesOf, keysOf, propertyOf, stringPropertyOf } from '../../model/values.js';
import type { Rule, RuleContext } from '../rule-context.js';

const OVERRIDABLE_MEMBERS = [
  ['actions', 'action'],
  ['events', 'event'],
  ['channels', 'channel'],
] as const;

/**
 * Each `interfaces.<alias>` entry names a readable interface manifest, maps
 * every interface entity onto one of this integration's entities, and only
 * renames or overrides members the interface has.
 */
export const checkInterfaceImplementations: Rule = (context) => {
  for (const [alias, implementation] of entriesOf(propertyOf(context.manifest.value, 'interfaces'))) {
    const from = stringPropertyOf(implementation, 'from');
    if (from === undefined) continue;
    const iface = context.resolveManifest(from, 'interface', ['interfaces', alias, 'from']);
    if (!iface) continue;
    checkEntityMapping(context, alias, implementation, iface);
    checkOverrides(context, alias, implementation, iface);
  }
};

function checkEntityMapping(context: RuleContext, alias: string, implementation: unknown, iface: LoadedManifest): void {
  const ifaceName = interfaceName(iface, alias);
  const ifaceEntities = keysOf(propertyOf(iface.value, 'entities'));
  const ownEntities = keysOf(propertyOf(context.manifest.value, 'entities'));
  const mapping = propertyOf(implementation, 'entities');
  const at = ['interfaces', alias, 'entities'];
  const file = context.manifest.file;
  const reversed = new Set<string>();
  for (const [ifaceEntity, ownEntity] of entriesOf(mapping)) {
    // `model: modelRef` for `modelRef: model`: one mistake, told once.
    if (!ifaceEntities.includes(ifaceEntity) && typeof ownEntity === 'string' && ifaceEntities.includes(ownEntity) && !ownEntities.includes(ownEntity) && ownEntities.includes(ifaceEntity)) {
      reversed.add(ownEntity);
      const fix = fixOf(
        `Write \`${ownEntity}: ${ifaceEntity}\`: the key is the interface's entity, the value this integration's entity that stands for it.`,
        swapEntry(file, [...at, ifaceEntity]),
      );
      context.report('unknown-interface-member', { kind: 'entity', name: ifaceEntity, iface: ifaceName }, [...at, ifaceEntity], 'key', fix);
      continue;
    }
    if (!ifaceEntities.includes(ifaceEntity)) {
      const fix = nameFix(closestMatch(ifaceEntity, ifaceEntities), ifaceEntities, `interface '${ifaceName}' has`, (name) => renameKey(file, [...at, ifaceEntity], name));
      context.report('unknown-interface-member', { kind: 'entity', name: ifaceEntity, iface: ifaceName }, [...at, ifaceEntity], 'key', fix);
    }
    if (typeof ownEntity === 'string' && !ownEntities.includes(ownEntity)) {
      const fix = nameFix(closestMatch(ownEntity, ownEntities), ownEntities, 'this integration has', (name) => replaceValue(file, [...at, ifaceEntity], name));
      context.report('unknown-entity', { name: ownEntity, where: 'this integration' }, [...at, ifaceEntity], 'value', fix);
    }
  }
  for (const ifaceEntity of ifaceEntities) {
    if (propertyOf(mapping, ifaceEntity) === undefined && !reversed.has(ifaceEntity)) {
      const reportAt = mapping === undefined ? ['interfaces', alias] : at;
      const target = closestMatch(ifaceEntity, ownEntities) ?? (ownEntities.length === 1 ? ownEntities[0] : undefined);
      const example = `${ifaceEntity}: ${target ?? '<entity>'}`;
      const fix = fixOf(
        `Add \`${example}\` under ${mapping === undefined ? `\`interfaces.${alias}.entities\`` : '`entities`'}${ownEntities.length > 0 ? ` (this integration's entities: ${ownEntities.join(', ')})` : ', after declaring the entity under the top-level `entities:`'}.`,
      );
      context.report('unmapped-interface-entity', { entity: ifaceEntity, iface: ifaceName }, reportAt, 'key', fix);
    }
  }
}

const SECTION_KIND: Readonly<Record<string, string>> = { actions: 'action', events: 'event', channels: 'channel' };

function checkOverrides(context: RuleContext, alias: string, implementation: unknown, iface: LoadedManifest): void {
  const file = context.manifest.file;
  for (const [section, kind] of OVERRIDABLE_MEMBERS) {
    const members = keysOf(propertyOf(iface.value, section));
    for (const name of keysOf(propertyOf(implementation, section))) {
      if (members.includes(name)) continue;
      const at = ['interfaces', alias, section, name];
      const elsewhere = OVERRIDABLE_MEMBERS.find(([other]) => other !== section && keysOf(propertyOf(iface.value, other)).includes(name));
      const fix = elsewhere
        ? fixOf(`Move it under \`${elsewhere[0]}:\`: '${name}' is ${/^[aeiou]/.test(SECTION_KIND[elsewhere[0]]!) ? 'an' : 'a'} ${SECTION_KIND[elsewhere[0]]} of interface '${interfaceName(iface, alias)}', not ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}.`)
        : nameFix(closestMatch(name, members), members, `interface '${interfaceName(iface, alias)}' has`, (meant) => renameKey(file, at, meant), `${kind}s`);
      context.report('unknown-interface-member', { kind, name, iface: interfaceName(iface, alias) }, at, 'key', fix);
    }
  }
}

/** `Write 'x'.` with the edit, or the names there are to choose from. */
function nameFix(
  suggestion: string | undefined,
  names: readonly string[],
  owner: string,
  edit: (name: string) => ReturnType<typeof renameKey>,
  what = 'entities',
) {
  if (suggestion) return fixOf(`Write '${suggestion}'.`, edit(suggestion));
  return fixOf(names.length > 0 ? `Use one of the ${what} ${owner}: ${names.join(', ')}.` : `Remove it: ${owner} no ${what}.`);
}

function interfaceName(iface: LoadedManifest, alias: string): string {
  return stringPropertyOf(iface.value, 'name') ?? alias;
}
