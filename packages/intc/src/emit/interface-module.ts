/**
 * `interfaces/<alias>.ts`, one per extended interface: the entity map and
 * the rename maps as typed constants, the interface's types as this
 * integration implements them, the handlers it requires under their
 * integration names, and a compile-time conformance check of every member.
 */
import { basename } from 'node:path';
import type { IntegrationModel } from '../model/integration-model.js';
import { INTERFACE_SECTIONS, type InterfaceExtension, type Rename } from '../model/interface-extension.js';
import { EMPTY_OBJECT_TYPE, jsDoc, objectType, stringLiteral, typeKey } from './api/ts-syntax.js';
import { doNotEditHeader, type GeneratedFile } from './generated-file.js';
import { interfaceTypeSlots, type InterfaceTypeSlot } from './interface-types.js';
import type { TypeNames } from './type-names.js';

export function emitInterfaceModules(model: IntegrationModel, names: TypeNames): GeneratedFile[] {
  const header = doNotEditHeader(basename(model.manifestPath));
  return model.interfaces.map((extension) => ({
    path: `interfaces/${extension.alias}.ts`,
    content: interfaceModule(header, extension, interfaceTypeSlots(model, extension, names), names),
  }));
}

function interfaceModule(header: string, extension: InterfaceExtension, slots: readonly InterfaceTypeSlot[], names: TypeNames): string {
  const entityTypes = extension.entities.map(({ interfaceName, name }) => [interfaceName, names.entities.get(name) ?? 'never'] as const);
  const checks = conformanceChecks(slots, names);
  const typeNames = [...new Set([...slots.flatMap((s) => [s.typeName, s.integrationType]), ...entityTypes.map(([, type]) => type), ...checks.flat()])].sort();
  const actions = [...new Set(extension.renames.actions.map((r) => r.name))].sort();
  return [
    header,
    slots.some((slot) => slot.schema !== undefined) ? "import type * as rt from '@intc/runtime';\n" : '',
    actions.length > 0 ? "import type { ActionHandlers } from '../integration.js';\n" : '',
    typeNames.length > 0 ? `import type {\n${typeNames.map((name) => `  ${name},\n`).join('')}} from '../types.js';\n` : '',
    '\n',
    mappingConstant(extension),
    '\n/** Interface entity → the type of the entity of this integration that stands for it. */\n',
    typeLiteral('Entities', entityTypes.map(([name, type]) => `  ${typeKey(name)}: ${type};\n`)),
    '\n/** The interface\'s actions under their interface names, typed with this integration\'s entities. */\n',
    typeLiteral('Actions', extension.renames.actions.map((r) => actionLine(r, slots))),
    '\n/** The interface\'s events under their interface names. */\n',
    typeLiteral('Events', slotsOf(slots, 'events').map((s) => `  ${typeKey(s.keys[0]!)}: ${s.typeName};\n`)),
    '\n/** The interface\'s channels: message type → payload. */\n',
    typeLiteral('Channels', extension.renames.channels.map((r) => channelLine(r, slots))),
    '\n/** The handlers the interface requires, under this integration\'s action names (`satisfies Handlers` checks a set of them). */\n',
    `export type Handlers = ${actions.length === 0 ? EMPTY_OBJECT_TYPE : `Pick<ActionHandlers, ${actions.map(stringLiteral).join(' | ')}>`};\n`,
    '\n',
    conformance(slots, checks),
  ].join('');
}

/** `export const mapping = { interface, version, entities, actions, events, channels } as const;` */
export function mappingConstant(extension: InterfaceExtension): string {
  const map = (renames: readonly Rename[]) =>
    renames.length === 0 ? '{}' : `{\n${renames.map((r) => `    ${typeKey(r.interfaceName)}: ${stringLiteral(r.name)},\n`).join('')}  }`;
  const summary = `How this integration implements interface ${stringLiteral(extension.name)} ${extension.version}${extension.title ? ` (${extension.title})` : ''}.`;
  return (
    jsDoc([summary, 'Entities: interface entity → this integration\'s entity. Actions, events, channels: interface name → the name here.'], '') +
    'export const mapping = {\n' +
    `  interface: ${stringLiteral(extension.name)},\n` +
    `  version: ${stringLiteral(extension.version)},\n` +
    `  entities: ${map(extension.entities)},\n` +
    INTERFACE_SECTIONS.map((section) => `  ${section}: ${map(extension.renames[section])},\n`).join('') +
    '} as const;\n'
  );
}

function actionLine(rename: Rename, slots: readonly InterfaceTypeSlot[]): string {
  const of = (part: string) => slots.find((s) => s.section === 'actions' && s.keys[0] === rename.interfaceName && s.keys[1] === part)?.typeName ?? 'never';
  return `  ${typeKey(rename.interfaceName)}: { input: ${of('input')}; output: ${of('output')} };\n`;
}

function channelLine(rename: Rename, slots: readonly InterfaceTypeSlot[]): string {
  const messages = slots.filter((s) => s.section === 'channels' && s.keys[0] === rename.interfaceName);
  const body = objectType(messages.map((s) => `      ${typeKey(s.keys[1]!)}: ${s.typeName};\n`), '    ');
  return `  ${typeKey(rename.interfaceName)}: {\n    messages: ${body};\n  };\n`;
}

/**
 * One `rt.Fits` per member an own definition merged into (the others have
 * the integration's type itself): what the integration returns or emits,
 * parsed, must be something the interface's schema accepts (its type as
 * given), and what the interface lets callers send must be something the
 * integration's input accepts (both as given: defaults are filled in later).
 * A member that does not is a compile error here.
 * The target is taken as `Declared<…>`: objects are open, as in Botpress, so
 * an index signature that only says "other properties may be there"
 * (`[k: string]: unknown`, from a schema without `additionalProperties: false`)
 * is no promise a closed type of the other side must repeat.
 */
function conformanceChecks(slots: readonly InterfaceTypeSlot[], names: TypeNames): [from: string, to: string][] {
  const given = (name: string) => names.given.get(name) ?? name;
  return slots
    .filter((slot) => slot.typeName !== slot.integrationType)
    .map((slot) => {
      const callerSends = slot.section === 'actions' && slot.keys[1] === 'input';
      return callerSends ? [given(slot.typeName), given(slot.integrationType)] : [slot.integrationType, given(slot.typeName)];
    });
}

function conformance(slots: readonly InterfaceTypeSlot[], checks: readonly [string, string][]): string {
  const checked = slots.filter((slot) => slot.typeName !== slot.integrationType);
  const lines = checked.map((slot, index) => `  ${stringLiteral(slot.keys.join('.'))}: rt.Fits<${checks[index]![0]}, Declared<${checks[index]![1]}>>;\n`);
  const doc = jsDoc(['Members this integration defines itself, each checked against the interface: `tsc` fails here when one does not fit.'], '');
  if (lines.length === 0) return `${doc}export type Conformance = ${EMPTY_OBJECT_TYPE};\n`;
  return `${DECLARED}\n${doc}export type Conformance = {\n${lines.join('')}};\n`;
}

/** `T` without the index signatures of open objects (`[k: string]: unknown`), at every depth; typed ones stay. */
const DECLARED = [
  '/** `T` without the index signatures that only say other properties may be there (`[k: string]: unknown`), at every depth. */',
  'type Declared<T> = T extends readonly unknown[]',
  '  ? { [I in keyof T]: Declared<T[I]> }',
  '  : T extends object',
  '    ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Declared<T[K]> }',
  '    : T;',
  '',
].join('\n');

function typeLiteral(name: string, members: readonly string[]): string {
  return `export type ${name} = ${objectType(members)};\n`;
}

function slotsOf(slots: readonly InterfaceTypeSlot[], section: InterfaceTypeSlot['section']): InterfaceTypeSlot[] {
  return slots.filter((slot) => slot.section === section);
}
