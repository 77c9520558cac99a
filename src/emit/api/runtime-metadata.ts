/**
 * The `metadata` object of the generated `integration.ts`: what the runtime
 * needs besides the validators (which secrets are required, each state's
 * scope, the configuration names). Names only ever appear as array elements:
 * as object keys, `__proto__` would set the prototype, and TypeScript does
 * not contextually type keys such as `hasOwnProperty`.
 */
import type { IntegrationModel, StateScope } from '../../model/integration-model.js';
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
    '};\n'
  );
}

/** `["a", "b"]` on one line when short, else one name a line. */
function list(names: readonly string[], indent: string): string {
  const literals = names.map(stringLiteral);
  const inline = `[${literals.join(', ')}]`;
  if (inline.length <= 80) return inline;
  return `[\n${literals.map((literal) => `${indent}${literal},\n`).join('')}${indent.slice(2)}]`;
}
