/**
 * The `metadata` object of the generated `integration.ts`: what the runtime
 * needs besides the validators (which secrets are required, each state's
 * scope, the configuration names, where configurations and states hold
 * secret-marked values). Names only ever appear as array elements: as object
 * keys, `__proto__` would set the prototype, and TypeScript does not
 * contextually type keys such as `hasOwnProperty`.
 */
import type { IntegrationModel, JsonSchema, StateScope } from '../../model/integration-model.js';
import { secretPaths, type SecretPath } from './secret-paths.js';
import { stringLiteral } from './ts-syntax.js';

const SCOPES: readonly StateScope[] = ['integration', 'conversation', 'user'];

export function runtimeMetadata(model: IntegrationModel): string {
  const secrets = (optional: boolean) => list(model.secrets.filter((s) => s.optional === optional).map((s) => s.name), '      ');
  const states = SCOPES.map((scope) => `    ${scope}: ${list(model.states.filter((s) => s.type === scope).map((s) => s.name), '      ')},\n`);
  return (
    'const metadata: rt.IntegrationMetadata = {\n' +
    `  name: ${stringLiteral(model.name)},\n` +
    `  version: ${stringLiteral(model.version)},\n` +
    `  secrets: {\n    required: ${secrets(false)},\n    optional: ${secrets(true)},\n  },\n` +
    `  states: {\n${states.join('')}  },\n` +
    `  configurations: ${list(model.configurations.map((c) => c.name), '    ')},\n` +
    secretFields(model) +
    '};\n'
  );
}

/** Where configurations and states hold secret-marked values (the runtime's `SecretFields`), or undefined: nowhere. */
export interface SecretFieldsData {
  readonly configuration: readonly SecretPath[];
  readonly configurations: readonly (readonly [string, readonly SecretPath[]])[];
  readonly states: readonly (readonly [string, readonly SecretPath[]])[];
}

export function secretFieldsOf(model: IntegrationModel): SecretFieldsData | undefined {
  const pathsOf = (schema: JsonSchema | undefined) => (schema === undefined ? [] : secretPaths(schema, model.entities));
  const named = (entries: readonly { name: string; schema: JsonSchema }[]) =>
    entries.map(({ name, schema }) => [name, pathsOf(schema)] as const).filter(([, paths]) => paths.length > 0);
  const fields = { configuration: pathsOf(model.configuration), configurations: named(model.configurations), states: named(model.states) };
  return fields.configuration.length === 0 && fields.configurations.length === 0 && fields.states.length === 0 ? undefined : fields;
}

/** `secretFields`, when a configuration or state schema marks a value secret (see secret-paths.ts). */
function secretFields(model: IntegrationModel): string {
  const fields = secretFieldsOf(model);
  if (fields === undefined) return '';
  const { configuration, configurations, states } = fields;
  const byName = (entries: readonly (readonly [string, readonly SecretPath[]])[]) =>
    entries.length === 0 ? '[]' : `[\n${entries.map(([name, paths]) => `      [${stringLiteral(name)}, ${pathList(paths)}],\n`).join('')}    ]`;
  return (
    '  secretFields: {\n' +
    `    configuration: ${pathList(configuration)},\n` +
    `    configurations: ${byName(configurations)},\n` +
    `    states: ${byName(states)},\n` +
    '  },\n'
  );
}

/** `[["token"], ["accounts", null, "password"]]`: property names, `null` for every item or value. */
function pathList(paths: readonly SecretPath[]): string {
  return `[${paths.map((path) => `[${path.map((segment) => (segment === null ? 'null' : stringLiteral(segment))).join(', ')}]`).join(', ')}]`;
}

/** `["a", "b"]` on one line when short, else one name a line. */
function list(names: readonly string[], indent: string): string {
  const literals = names.map(stringLiteral);
  const inline = `[${literals.join(', ')}]`;
  if (inline.length <= 80) return inline;
  return `[\n${literals.map((literal) => `${indent}${literal},\n`).join('')}${indent.slice(2)}]`;
}
