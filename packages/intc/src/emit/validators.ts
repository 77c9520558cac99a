import { basename } from 'node:path';
import type { IntegrationModel } from '../model/integration-model.js';
import { doNotEditHeader, type GeneratedFile } from './generated-file.js';
import { compareNames } from '../model/integration-model.js';
import { standaloneValidators, type StandaloneValidators } from './schema/ajv-standalone.js';
import { jsLiteral } from './schema/js-literal.js';
import { stringLiteral } from './schema/comment-text.js';
import { schemaSlots, type SchemaSlot, type SlotGroup } from './schema/schema-slots.js';

/**
 * `validators.ts`: Ajv standalone validators for every configuration, action
 * input and output, message payload, event payload and state, reporting all
 * errors, grouped in one `validators` object shaped like `Validators`, each
 * with the shape the runtime parses by (defaults, stripping). Ajv's runtime
 * helpers come from `@intc/runtime`, so the user's project needs no direct
 * dependency on ajv.
 */
export function emitValidators(model: IntegrationModel): GeneratedFile[] {
  const slots = schemaSlots(model);
  const standalone = standaloneValidators(
    slots.map((slot) => slot.schema),
    model.entities,
  );
  const functionOf = new Map(slots.map((slot, index) => [slot, standalone.functionNames[index]!]));
  const imports = [...standalone.imports, ...(standalone.shapes.length > 0 ? [SHAPES_NAME] : [])].sort();
  const lines = [
    doNotEditHeader(basename(model.manifestPath)).trimEnd(),
    // The disable comes first, so that it also covers the `@ts-nocheck` (typescript-eslint's ban-ts-comment).
    '/* eslint-disable */',
    '// @ts-nocheck',
    "import type { Validators } from '@intc/runtime';",
    ...(imports.length > 0 ? [`import { ${imports.join(', ')} } from '@intc/runtime';`] : []),
    '',
    ...(standalone.code === '' ? [] : [standalone.code, '']),
    ...shapeLines(standalone),
    `export const validators: Validators = ${validatorsObject(slots, functionOf)};`,
    '',
  ];
  return [{ path: 'validators.ts', content: lines.join('\n') }];
}

const SHAPES_NAME = 'intcShapes';

/**
 * The shapes parsing follows (src/runtime/parse.ts): one table, one entry a
 * line, `$ref`s linked by `intcShapes`; each validator whose parsing strips
 * or fills in something gets its shape.
 */
function shapeLines(standalone: StandaloneValidators): string[] {
  if (standalone.shapes.length === 0) return [];
  const attached = [...standalone.shapeOf].sort(([a, x], [b, y]) => x - y || compareNames(a, b));
  return [
    `const shapes = ${SHAPES_NAME}([`,
    ...standalone.shapes.map((shape) => `  ${jsLiteral(shape)},`),
    ']);',
    ...attached.map(([name, index]) => `${name}.shape = shapes[${index}];`),
    '',
  ];
}

const GROUPS: readonly SlotGroup[] = ['configurations', 'actions', 'channels', 'events', 'states'];

/** The `validators` object literal; slots are already sorted by name within each group. */
function validatorsObject(slots: readonly SchemaSlot[], functionOf: ReadonlyMap<SchemaSlot, string>): string {
  const root: Tree = new Map();
  const configuration = slots.find((slot) => slot.group === 'configuration');
  if (configuration !== undefined) root.set('configuration', functionOf.get(configuration)!);
  for (const group of GROUPS) root.set(group, new Map());
  for (const slot of slots) {
    if (slot.group !== 'configuration') insert(root.get(slot.group) as Tree, slot.keys, functionOf.get(slot)!);
  }
  return render(root, 0);
}

type Tree = Map<string, Tree | string>;

function insert(tree: Tree, keys: readonly string[], value: string): void {
  const [first, ...rest] = keys;
  if (first === undefined) return;
  if (rest.length === 0) {
    tree.set(first, value);
    return;
  }
  let child = tree.get(first);
  if (!(child instanceof Map)) {
    child = new Map();
    tree.set(first, child);
  }
  insert(child, rest, value);
}

function render(tree: Tree, depth: number): string {
  if (tree.size === 0) return '{}';
  const indent = '  '.repeat(depth + 1);
  const members = [...tree].map(([key, value]) => `${indent}${objectKey(key)}: ${typeof value === 'string' ? value : render(value, depth + 1)},`);
  return `{\n${members.join('\n')}\n${'  '.repeat(depth)}}`;
}

/** A property name in an object literal: quoted unless an identifier; `__proto__` computed, so it stays a plain key. */
function objectKey(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}
