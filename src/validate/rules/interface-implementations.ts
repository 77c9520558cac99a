import { closestMatch } from '../../diagnostics/did-you-mean.js';
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
  for (const [ifaceEntity, ownEntity] of entriesOf(mapping)) {
    if (!ifaceEntities.includes(ifaceEntity)) {
      const suggestion = closestMatch(ifaceEntity, ifaceEntities);
      context.report('unknown-interface-member', { kind: 'entity', name: ifaceEntity, iface: ifaceName, suggestion }, [...at, ifaceEntity], 'key');
    }
    if (typeof ownEntity === 'string' && !ownEntities.includes(ownEntity)) {
      const suggestion = closestMatch(ownEntity, ownEntities);
      context.report('unknown-entity', { name: ownEntity, where: 'this integration', suggestion }, [...at, ifaceEntity]);
    }
  }
  for (const ifaceEntity of ifaceEntities) {
    if (propertyOf(mapping, ifaceEntity) === undefined) {
      const reportAt = mapping === undefined ? ['interfaces', alias] : at;
      context.report('unmapped-interface-entity', { entity: ifaceEntity, iface: ifaceName }, reportAt, 'key');
    }
  }
}

function checkOverrides(context: RuleContext, alias: string, implementation: unknown, iface: LoadedManifest): void {
  for (const [section, kind] of OVERRIDABLE_MEMBERS) {
    const members = keysOf(propertyOf(iface.value, section));
    for (const name of keysOf(propertyOf(implementation, section))) {
      if (members.includes(name)) continue;
      const suggestion = closestMatch(name, members);
      context.report('unknown-interface-member', { kind, name, iface: interfaceName(iface, alias), suggestion }, ['interfaces', alias, section, name], 'key');
    }
  }
}

function interfaceName(iface: LoadedManifest, alias: string): string {
  return stringPropertyOf(iface.value, 'name') ?? alias;
}
