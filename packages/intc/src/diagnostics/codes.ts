/**
 * The one table of diagnostic codes. Each code has a fixed severity and a
 * message template that says what is wrong; what to write instead is the
 * diagnostic's `fix` (see diagnostic.ts), built where the mistake is
 * recognised. Codes are stable (tools and tests match on them), so a code is
 * never renamed, only added.
 */
export type Severity = 'error' | 'warning';

interface CodeDefinition<P> {
  readonly severity: Severity;
  readonly message: (params: P) => string;
}

function code<P = Record<string, never>>(severity: Severity, message: (params: P) => string): CodeDefinition<P> {
  return { severity, message };
}

export const diagnosticCodes = {
  // Loading: files and YAML syntax
  'file-not-found': code<{ path: string; what: string }>('error', (p) => `${p.what} '${p.path}' does not exist.`),
  'no-manifest-in-folder': code<{ path: string; expected: string }>(
    'error',
    (p) => `No single manifest in folder '${p.path}': expected ${p.expected}.`,
  ),
  'file-unreadable': code<{ path: string; reason: string }>('error', (p) => `Cannot read '${p.path}': ${p.reason}.`),
  'file-too-large': code<{ size: string; limit: string }>(
    'error',
    (p) => `Manifest is ${p.size}, over the ${p.limit} limit; split it or raise the limit with --max-file-size.`,
  ),
  'invalid-encoding': code<{ detail: string }>('error', (p) => `The file is not UTF-8 text: ${p.detail}.`),
  'empty-manifest': code('error', () => 'Manifest is empty: expected a mapping with at least `name` and `version`.'),
  'yaml-syntax': code<{ detail: string }>('error', (p) => `Syntax error: ${p.detail}.`.replace(/\.\.$/, '.')),
  'json-syntax': code<{ detail: string }>('error', (p) => `JSON syntax error: ${p.detail}.`),
  'duplicate-key': code<{ key: string }>('error', (p) => `Duplicate key '${p.key}': each key may appear once in a mapping.`),
  'alias-limit': code<{ limit: number } | { size: string }>(
    'error',
    (p) =>
      'limit' in p
        ? `Too many YAML alias expansions (limit ${p.limit}); this looks like an alias bomb.`
        : `YAML aliases repeat more than ${p.size} of text; this looks like an alias bomb.`,
  ),
  'yaml-unsupported': code<{ detail: string }>('error', (p) => `Unsupported YAML: ${p.detail}`),
  'unknown-manifest-kind': code<{ file: string }>(
    'error',
    (p) =>
      `Cannot tell what kind of manifest '${p.file}' is: name it integration.yaml, interface.yaml or bot.yaml, or add \`kind: integration | interface | bot\`.`,
  ),
  'kind-mismatch': code<{ expected: string; actual: string }>(
    'error',
    (p) => `Expected a${/^[aeiou]/.test(p.expected) ? 'n' : ''} ${p.expected} manifest here, but this file is a${/^[aeiou]/.test(p.actual) ? 'n' : ''} ${p.actual} manifest.`,
  ),

  // Meta-schema
  'unknown-property': code<{ name: string; where: string }>('error', (p) => `Unknown property '${p.name}' in ${p.where}.`),
  'missing-property': code<{ name: string; where: string }>(
    'error',
    (p) => `${p.where} is missing required property '${p.name}'.`,
  ),
  'invalid-type': code<{ where: string; expected: string; actual: string }>(
    'error',
    (p) => `${p.where} must be ${p.expected}, but is ${p.actual}.`,
  ),
  'invalid-value': code<{ where: string; detail: string }>('error', (p) => `${p.where} ${p.detail}.`),

  // Embedded JSON Schemas
  'unknown-schema-keyword': code<{ name: string }>(
    'error',
    (p) => `Unknown JSON Schema keyword '${p.name}' (strict mode allows draft-07 keywords and \`x-\` extensions only).`,
  ),
  'invalid-schema': code<{ detail: string }>('error', (p) => `Invalid JSON Schema: ${p.detail}.`),
  'invalid-regex': code<{ pattern: string; reason: string }>(
    'error',
    (p) => `Invalid regular expression '${p.pattern}': ${p.reason}.`,
  ),
  'unresolved-ref': code<{ ref: string; detail: string }>('error', (p) => `Cannot resolve $ref '${p.ref}': ${p.detail}.`),
  'unsupported-ref': code<{ ref: string }>(
    'error',
    (p) =>
      `Unsupported $ref '${p.ref}': use '#/entities/<entity>' for an entity or a local '#/definitions/<name>' pointer; remote and file references are not allowed.`,
  ),

  // Names
  'invalid-name': code<{ kind: string; name: string; rule: string }>('error', (p) => `${p.kind} name '${p.name}' must be ${p.rule}.`),
  'name-collision': code<{ kind: string; name: string; other: string }>(
    'error',
    (p) =>
      `${p.kind} '${p.name}' collides with '${p.other}': they differ only by case or separators, which gives one file name on a case-insensitive disk.`,
  ),

  // Cross references
  'invalid-file-reference': code<{ path: string; expected: string }>(
    'error',
    (p) => `'${p.path}' must be ${p.expected}.`,
  ),
  'unknown-entity': code<{ name: string; where: string }>('error', (p) => `Entity '${p.name}' is not defined in ${p.where}.`),
  'unmapped-interface-entity': code<{ entity: string; iface: string }>(
    'error',
    (p) => `Interface '${p.iface}' needs its entity '${p.entity}' mapped to one of this integration's entities under \`entities\`.`,
  ),
  'unknown-interface-member': code<{ kind: string; name: string; iface: string }>(
    'error',
    (p) => `Interface '${p.iface}' has no ${p.kind} '${p.name}'.`,
  ),
  // required: "entity 'item' of interfaces 'creatable' and 'readable'"; detail: what does not conform, located there.
  'entity-not-conforming': code<{ entity: string; required: string; detail: string }>(
    'error',
    (p) => `Entity '${p.entity}' does not satisfy ${p.required}: ${p.detail}.`,
  ),
  // member: "Action 'generateText'"; other: "action 'generateContent' of interface 'llm'"; detail: what contradicts.
  'interface-conflict': code<{ member: string; other: string; detail: string }>(
    'error',
    (p) => `${p.member} contradicts ${p.other}: ${p.detail}.`,
  ),
  'unknown-configuration-type': code<{ name: string; integration: string; available: string }>(
    'error',
    (p) => `Integration '${p.integration}' has no configuration '${p.name}' (available: ${p.available}).`,
  ),
  'unknown-channel': code<{ name: string; integration: string; available: string }>(
    'error',
    (p) => `Integration '${p.integration}' has no channel '${p.name}' (channels: ${p.available}).`,
  ),
  'invalid-configuration': code<{ where: string; detail: string }>('error', (p) => `Configuration ${p.where} ${p.detail}.`),
  'invalid-placeholder': code<{ value: string }>(
    'error',
    (p) => `Malformed environment placeholder in '${p.value}': write \${NAME} with NAME in A-Z, 0-9 and _.`,
  ),
  'invalid-rename': code<{ name: string; problem: string }>('error', (p) => `\`renamedFrom: ${p.name}\` ${p.problem}.`),
  'invalid-referenced-manifest': code<{ path: string; count: number }>(
    'error',
    (p) => `Referenced manifest '${p.path}' has ${p.count} error${p.count === 1 ? '' : 's'}, reported in that file.`,
  ),

  // Advice
  'missing-description': code<{ what: string }>('warning', (p) => `${p.what} has no description; the hub and generated docs show it.`),
  'inherited-property-name': code<{ name: string; inherited: string }>(
    'warning',
    (p) =>
      `Optional property '${p.name}' has the name of a member every object inherits (${p.inherited}): TypeScript then refuses an object literal that leaves it out. Make it required, or rename it.`,
  ),
  'undeclared-discriminator': code<{ name: string; keyword: string; index: number }>(
    'warning',
    (p) =>
      `Branch ${p.index} of '${p.keyword}' does not require the discriminator property '${p.name}': declare it under the branch's \`properties\` and list it in \`required\`, or tools that pick the branch by '${p.name}' cannot place a value.`,
  ),

  // Generation: handler stubs (user-owned files) and output
  'stale-handler': code<{ kind: string; name: string; advice?: string }>(
    'warning',
    // advice: what to do when the default (delete the file) is not the fix, e.g. a file moved by hand over another stub.
    (p) =>
      `${p.kind} '${p.name}' is no longer in the manifest; ${p.advice ?? 'its handler was kept. Delete the file and its wiring when you no longer need it.'}`,
  ),
  'unwired-handler': code<{ kind: string; name: string; file: string; obstacle: string; remedy?: string }>(
    'warning',
    // obstacle: why it is not wired, e.g. "intc found no `new Integration({ ... })` object to wire it into here";
    // remedy: what to do when intc can wire it after all (intc status: "run 'intc generate' to wire it").
    (p) => `${p.kind} '${p.name}' has a handler in '${p.file}', but ${p.obstacle}; ${p.remedy ?? 'add it by hand'}.`,
  ),
  'rename-not-applied': code<{ kind: string; name: string; what: string; file: string; reason: string; advice: string }>(
    'warning',
    (p) => `${p.kind} '${p.name}' ${p.what}, but its handler '${p.file}' was not moved: ${p.reason}. ${p.advice}`,
  ),
  // intc status: what is left to do in the handlers.
  'todo-handler': code<{ kind: string; name: string; file: string }>(
    'warning',
    (p) => `${p.kind} '${p.name}' still has the TODO body intc wrote in '${p.file}': implement it.`,
  ),
  'stub-out-of-date': code<{ file: string; state: string; action: string }>(
    'warning',
    (p) => `'${p.file}' ${p.state}; run 'intc generate' to ${p.action}.`,
  ),
  'not-generated': code<{ kind: string }>(
    'warning',
    (p) => `intc generate does not generate code for ${p.kind} manifests on their own; generate the integration that extends it.`,
  ),
  'output-not-writable': code<{ path: string; reason: string }>('error', (p) => `Cannot write '${p.path}': ${p.reason}.`),
  'runtime-not-installed': code(
    'warning',
    () => 'The generated code imports @intc/runtime, which is not installed in this project: it would neither type-check nor start.',
  ),

  // Import: a Botpress TypeScript definition converted into manifests (`intc import`)
  'definition-not-found': code<{ path: string }>(
    'error',
    (p) => `No Botpress definition at '${p.path}': expected integration.definition.ts or interface.definition.ts, or the folder holding one.`,
  ),
  // detail: "it is not installed where the definition is", "version 0.9.1 has no z.transforms.toJSONSchema; upgrade it".
  'botpress-sdk-missing': code<{ detail: string }>(
    'error',
    (p) =>
      `Cannot use @botpress/sdk for this definition: ${p.detail}. intc import runs the definition with the project's own SDK: install the project's dependencies (npm install or pnpm install), then import again.`,
  ),
  'definition-load-failed': code<{ detail: string }>('error', (p) => `The definition failed to load: ${p.detail}`),
  'schema-conversion-failed': code<{ what: string; detail: string }>(
    'error',
    (p) => `The SDK could not convert the schema of ${p.what} to JSON Schema: ${p.detail}`,
  ),
  'manifest-exists': code<{ path: string }>(
    'error',
    (p) => `'${p.path}' exists and intc import does not overwrite it: pass --force to replace it, or --out <dir> to write elsewhere.`,
  ),

  // Tool
  'internal-error': code<{ detail: string }>(
    'error',
    (p) => `Internal compiler error: ${p.detail}. This is a bug in intc, not in your manifest; please report it with the manifest that caused it.`,
  ),
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;
export type DiagnosticParams<C extends DiagnosticCode> = Parameters<(typeof diagnosticCodes)[C]['message']>[0];
