/**
 * Checks an intc config against schema/intc.config.schema.json (the schema
 * editors get), read at run time and interpreted for the few keywords it
 * uses (type, enum, properties, additionalProperties, items, minItems,
 * minLength, minimum): one source for editors and for intc, without
 * compiling Ajv for a handful of keys. Each problem carries its path and a
 * fix built from the schema's description and examples.
 * Built-ins and tiny modules only (the fast path of `intc generate` uses it).
 */
import { readFileSync } from 'node:fs';
import { closestMatch, listChoices } from '../diagnostics/did-you-mean.js';


/** A path through the config's value: keys and indices. */
export type ConfigPath = readonly (string | number)[];

export interface ConfigProblem {
  /** Where, from the top of the file (package.json: starting with 'intc'). */
  readonly path: ConfigPath;
  /** The key (an unknown key) or its value. */
  readonly part: 'key' | 'value';
  readonly detail: string;
  readonly fix: string;
}

interface SchemaNode {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: boolean;
  readonly items?: SchemaNode;
  readonly minItems?: number;
  readonly minLength?: number;
  readonly minimum?: number;
}

let schema: SchemaNode | undefined;

function configSchema(): SchemaNode {
  schema ??= JSON.parse(readFileSync(new URL('../../schema/intc.config.schema.json', import.meta.url), 'utf8')) as SchemaNode;
  return schema;
}

/** The config keys, in the schema's order (its own `$schema` left out). */
export function configKeyNames(): string[] {
  return Object.keys(configSchema().properties ?? {}).filter((key) => key !== '$schema');
}

/** What is wrong with a config value (`at`: its place in the file), in the schema's terms; empty when nothing is. */
export function checkConfig(value: unknown, at: ConfigPath): ConfigProblem[] {
  const root = configSchema();
  if (!isObject(value)) {
    return [{ path: at, part: 'value', detail: `the intc config must be an object, but is ${describe(value)}`, fix: `Write an object of options, for example {"manifests": ["integration.yaml"], "out": "src/generated"}.` }];
  }
  const problems: ConfigProblem[] = [];
  const keys = configKeyNames();
  for (const [key, item] of Object.entries(value)) {
    const node = root.properties?.[key];
    if (!node) {
      const close = closestMatch(key, keys);
      problems.push({ path: [...at, key], part: 'key', detail: `unknown key '${key}'`, fix: `${close === undefined ? '' : `Did you mean '${close}'? `}The keys are ${listChoices(keys)}.` });
      continue;
    }
    problems.push(...checkNode(item, node, [...at, key], key));
  }
  return problems;
}

function checkNode(value: unknown, node: SchemaNode, path: ConfigPath, name: string): ConfigProblem[] {
  const problem = (detail: string, fix = exampleFix(node, name)): ConfigProblem[] => [{ path, part: 'value', detail, fix }];
  if (node.enum && !node.enum.includes(value)) {
    const choices = node.enum.map(String);
    const close = typeof value === 'string' ? closestMatch(value, choices) : undefined;
    return problem(`'${name}' must be ${listChoices(choices)}, not ${describe(value)}`, close === undefined ? `Write one of ${listChoices(choices.map((c) => JSON.stringify(c)))}.` : `Write ${JSON.stringify(close)}.`);
  }
  if (node.type && !hasType(value, node.type)) return problem(`'${name}' must be ${typeWord(node.type)}, but is ${describe(value)}`);
  if (typeof value === 'string' && node.minLength !== undefined && value.length < node.minLength) return problem(`'${name}' is empty`);
  if (typeof value === 'number' && node.minimum !== undefined && value < node.minimum) return problem(`'${name}' must be at least ${node.minimum}, not ${value}`);
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) return problem(`'${name}' is empty`);
    if (node.items) return value.flatMap((item, index) => checkNode(item, node.items!, [...path, index], `${name}[${index}]`).map((p) => ({ ...p, fix: p.fix || exampleFix(node, name) })));
  }
  return [];
}

/** The schema's description and first example, as what to write. */
function exampleFix(node: SchemaNode, name: string): string {
  const example = node.examples?.[0];
  const write = example === undefined ? '' : ` For example: "${name}": ${JSON.stringify(example)}.`;
  return `${node.description ?? ''}${write}`.trim();
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    default:
      return typeof value === type;
  }
}

function typeWord(type: string): string {
  return { object: 'an object', array: 'a list', integer: 'a whole number', number: 'a number', string: 'a string', boolean: 'true or false' }[type] ?? type;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
