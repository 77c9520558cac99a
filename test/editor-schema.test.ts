/**
 * The meta-schemas in schema/ are published for editors (VS Code's YAML
 * extension reads the `# yaml-language-server: $schema=…` modeline). These
 * tests use the schemas the way a generic editor would: a plain Ajv, not the
 * validators intc precompiles at build time.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { metaSchemaNodeAt } from '../packages/intc/src/meta/meta-validators.js';
import { NAMED_MAPS } from '../packages/intc/src/model/named-maps.js';
import { validate } from '../packages/intc/src/pipeline.js';
import { isSchemaSlip } from '../packages/intc/src/validate/zod-spellings.js';
import type { ManifestKind } from '../packages/intc/src/model/manifest-kind.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'packages', 'intc', 'schema');
const validFixtures = join(root, 'fixtures', 'valid');

// ajv and ajv-formats are CommonJS; under NodeNext their class/plugin is the `default` export.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
type Ajv = InstanceType<typeof Ajv>;

const KINDS: readonly ManifestKind[] = ['integration', 'interface', 'bot'];
const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SchemaNode = { [key: string]: Json };

function schemaPath(kind: ManifestKind): string {
  return join(schemaDir, `${kind}.schema.json`);
}

function loadSchema(kind: ManifestKind): SchemaNode {
  return JSON.parse(readFileSync(schemaPath(kind), 'utf8')) as SchemaNode;
}

/** What a generic editor does: plain Ajv, draft-07, formats, unknown keywords tolerated. */
function editorAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const validators = new Map<ManifestKind, ValidateFunction>();
function editorValidator(kind: ManifestKind): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) return cached;
  const validator = editorAjv().compile(loadSchema(kind));
  validators.set(kind, validator);
  return validator;
}

function explain(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}: ${e.message}`).join('\n');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const FIXTURE_NAME = /^(integration|interface|bot)\.(yaml|json)$/;
const fixtureFiles = listFiles(validFixtures)
  .filter((file) => FIXTURE_NAME.test(basename(file)))
  .sort();

describe('schema files are valid draft-07 for a generic editor', () => {
  for (const kind of KINDS) {
    it(`${kind}.schema.json declares draft-07, passes the draft-07 meta-schema and compiles`, () => {
      const schema = loadSchema(kind);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      const ajv = editorAjv();
      const ok = ajv.validateSchema(schema);
      expect(ok, ajv.errorsText(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    });
  }
});

describe('every valid fixture is accepted by the schema its modeline points to', () => {
  it('finds the fixtures', () => {
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(5);
    expect(fixtureFiles.some((f) => f.endsWith('.json'))).toBe(true);
  });

  for (const file of fixtureFiles) {
    it(relative(validFixtures, file), () => {
      const kind = FIXTURE_NAME.exec(basename(file))![1] as ManifestKind;
      const text = readFileSync(file, 'utf8');
      let reference: string | undefined;
      let value: unknown;
      if (file.endsWith('.json')) {
        value = JSON.parse(text);
        reference = (value as { $schema?: string }).$schema;
        // The "$schema" key should come first, where editors and readers look for it.
        expect(Object.keys(value as object)[0]).toBe('$schema');
      } else {
        const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
        reference = MODELINE.exec(firstLine)?.[1];
        value = parseYaml(text);
      }
      expect(reference, `${file} has no $schema modeline / key`).toBeTypeOf('string');
      const target = resolve(dirname(file), reference!);
      expect(target).toBe(schemaPath(kind));

      const validate = editorValidator(kind);
      const ok = validate(value);
      expect(ok, explain(validate.errors)).toBe(true);
    });
  }
});

interface BadCase {
  readonly title: string;
  readonly kind: ManifestKind;
  readonly manifest: unknown;
  /** An error the schema must report: where, and which keyword. */
  readonly expected: { readonly instancePath: string; readonly keyword: string };
}

const base = { name: 'acme', version: '1.0.0' };
const action = (inputSchema: unknown) => ({
  input: { schema: inputSchema },
  output: { schema: { type: 'object' } },
});

const badCases: BadCase[] = [
  {
    title: 'unknown top-level key (typo)',
    kind: 'integration',
    manifest: { ...base, descripton: 'x' },
    expected: { instancePath: '', keyword: 'additionalProperties' },
  },
  {
    title: 'missing version',
    kind: 'integration',
    manifest: { name: 'acme' },
    expected: { instancePath: '', keyword: 'required' },
  },
  {
    title: 'wrong type: version as a number',
    kind: 'integration',
    manifest: { name: 'acme', version: 1 },
    expected: { instancePath: '/version', keyword: 'type' },
  },
  {
    title: 'wrong type: title as an object',
    kind: 'integration',
    manifest: { ...base, title: { text: 'Acme' } },
    expected: { instancePath: '/title', keyword: 'type' },
  },
  {
    title: 'bad integration name',
    kind: 'integration',
    manifest: { ...base, name: 'Acme_Bot' },
    expected: { instancePath: '/name', keyword: 'pattern' },
  },
  {
    title: '`typ:` inside an embedded schema',
    kind: 'integration',
    manifest: { ...base, actions: { sendMessage: action({ typ: 'object' }) } },
    expected: { instancePath: '/actions/sendMessage/input/schema', keyword: 'additionalProperties' },
  },
  {
    title: "zod's `describe:` inside an embedded schema (the editor shows the fix as the entry's deprecationMessage)",
    kind: 'integration',
    manifest: { ...base, actions: { sendMessage: action({ type: 'object', describe: 'x' }) } },
    expected: { instancePath: '/actions/sendMessage/input/schema/describe', keyword: 'not' },
  },
  {
    title: '`type: integr` inside an embedded schema',
    kind: 'integration',
    manifest: { ...base, actions: { sendMessage: action({ type: 'integr' }) } },
    expected: { instancePath: '/actions/sendMessage/input/schema/type', keyword: 'enum' },
  },
  {
    title: '`required: x` (not a list) inside an embedded schema',
    kind: 'integration',
    manifest: { ...base, events: { created: { schema: { type: 'object', required: 'x' } } } },
    expected: { instancePath: '/events/created/schema/required', keyword: 'type' },
  },
  {
    title: '`x-zui: 5` (not a mapping) inside an embedded schema',
    kind: 'integration',
    manifest: { ...base, actions: { sendMessage: action({ type: 'object', 'x-zui': 5 }) } },
    expected: { instancePath: '/actions/sendMessage/input/schema/x-zui', keyword: 'type' },
  },
  {
    title: '`x-zui.title` that is not text',
    kind: 'interface',
    manifest: { name: 'llm', version: '1.0.0', entities: { model: { schema: { type: 'object', properties: { id: { type: 'string', 'x-zui': { title: 1 } } } } } } },
    expected: { instancePath: '/entities/model/schema/properties/id/x-zui/title', keyword: 'type' },
  },
  {
    title: '`discriminator: {}` (no propertyName)',
    kind: 'integration',
    manifest: { ...base, events: { created: { schema: { type: 'object', properties: { d: { oneOf: [{ type: 'object' }], discriminator: {} } } } } } },
    expected: { instancePath: '/events/created/schema/properties/d/discriminator', keyword: 'required' },
  },
  {
    title: 'a `discriminator` propertyName that is not text',
    kind: 'integration',
    manifest: { ...base, events: { created: { schema: { type: 'object', oneOf: [{ type: 'object' }], discriminator: { propertyName: 1 } } } } },
    expected: { instancePath: '/events/created/schema/discriminator/propertyName', keyword: 'type' },
  },
  {
    title: 'bad state type',
    kind: 'integration',
    manifest: { ...base, states: { token: { type: 'global', schema: { type: 'object' } } } },
    expected: { instancePath: '/states/token/type', keyword: 'enum' },
  },
  {
    title: 'secret not SCREAMING_SNAKE_CASE',
    kind: 'integration',
    manifest: { ...base, secrets: { apiKey: {} } },
    expected: { instancePath: '/secrets', keyword: 'propertyNames' },
  },
  {
    title: 'action name not camelCase (propertyNames)',
    kind: 'integration',
    manifest: { ...base, actions: { Send_Message: action({ type: 'object' }) } },
    expected: { instancePath: '/actions', keyword: 'propertyNames' },
  },
  {
    title: 'message type name not camelCase',
    kind: 'integration',
    manifest: { ...base, channels: { channel: { messages: { 'text-message': { schema: { type: 'object' } } } } } },
    expected: { instancePath: '/channels/channel/messages', keyword: 'propertyNames' },
  },
  {
    title: 'action without output',
    kind: 'integration',
    manifest: { ...base, actions: { sendMessage: { input: { schema: { type: 'object' } } } } },
    expected: { instancePath: '/actions/sendMessage', keyword: 'required' },
  },
  {
    title: 'wrong `kind` for the file',
    kind: 'integration',
    manifest: { ...base, kind: 'interface' },
    expected: { instancePath: '/kind', keyword: 'const' },
  },
  {
    title: 'interface: entity name not camelCase',
    kind: 'interface',
    manifest: { name: 'llm', version: '1.0.0', entities: { ModelRef: { schema: { type: 'object' } } } },
    expected: { instancePath: '/entities', keyword: 'propertyNames' },
  },
  {
    title: 'bad bot alias',
    kind: 'bot',
    manifest: { integrations: { Main_Telegram: { integration: '../telegram/integration.yaml' } } },
    expected: { instancePath: '/integrations', keyword: 'propertyNames' },
  },
  {
    title: 'bot: installation without `integration`',
    kind: 'bot',
    manifest: { integrations: { telegram: { configuration: {} } } },
    expected: { instancePath: '/integrations/telegram', keyword: 'required' },
  },
];

describe('the schema alone rejects bad manifests (as an editor would squiggle them)', () => {
  it('covers at least a dozen cases', () => {
    expect(badCases.length).toBeGreaterThanOrEqual(12);
  });

  for (const bad of badCases) {
    it(`${bad.kind}: ${bad.title}`, () => {
      const validate = editorValidator(bad.kind);
      expect(validate(bad.manifest)).toBe(false);
      const hit = (validate.errors ?? []).some(
        (e) => e.instancePath === bad.expected.instancePath && e.keyword === bad.expected.keyword,
      );
      expect(hit, `expected ${bad.expected.keyword} at '${bad.expected.instancePath}', got:\n${explain(validate.errors)}`).toBe(true);
    });
  }

  it('the minimal base manifests used above are themselves valid', () => {
    expect(editorValidator('integration')(base)).toBe(true);
    expect(editorValidator('integration')({ ...base, actions: { sendMessage: action({ type: 'object' }) } })).toBe(true);
    expect(editorValidator('interface')({ name: 'llm', version: '1.0.0' })).toBe(true);
    expect(editorValidator('bot')({ integrations: { 'telegram-support': { integration: '../t/integration.yaml' } } })).toBe(true);
  });
});

/**
 * Every sub-schema an editor shows on hover (property values, definitions,
 * array items, additionalProperties) with its pointer. A node that is only a
 * `$ref` is exempt: in draft-07 siblings of `$ref` are ignored, and the
 * editor shows the referenced definition, which is checked itself.
 */
function documentedNodes(schema: SchemaNode): { pointer: string; node: SchemaNode }[] {
  const found: { pointer: string; node: SchemaNode }[] = [];
  const isObject = (v: Json | undefined): v is SchemaNode => typeof v === 'object' && v !== null && !Array.isArray(v);
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

  function visit(node: Json | undefined, pointer: string, mustDocument: boolean): void {
    if (!isObject(node)) return;
    const onlyRef = Object.keys(node).length === 1 && typeof node.$ref === 'string';
    if (mustDocument && !onlyRef) found.push({ pointer, node });

    for (const key of ['properties', 'definitions', '$defs', 'patternProperties'] as const) {
      const map = node[key];
      if (isObject(map)) for (const [name, child] of Object.entries(map)) visit(child, `${pointer}/${key}/${escape(name)}`, true);
    }
    const items = node.items;
    if (Array.isArray(items)) items.forEach((child, i) => visit(child, `${pointer}/items/${i}`, true));
    else visit(items, `${pointer}/items`, true);
    visit(node.additionalProperties, `${pointer}/additionalProperties`, true);
    visit(node.additionalItems, `${pointer}/additionalItems`, true);
    // Branches are not hovered on their own, but what is inside them is.
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((child, i) => visit(child, `${pointer}/${key}/${i}`, false));
    }
    for (const key of ['not', 'if', 'then', 'else', 'contains', 'propertyNames'] as const) {
      visit(node[key], `${pointer}/${key}`, false);
    }
  }

  visit(schema, '#', true);
  return found;
}

describe('every property has hover docs (title and description)', () => {
  for (const kind of KINDS) {
    it(`${kind}.schema.json`, () => {
      const nodes = documentedNodes(loadSchema(kind));
      expect(nodes.length).toBeGreaterThan(kind === 'bot' ? 5 : 50);
      const undocumented = nodes
        .filter(({ node }) => typeof node.title !== 'string' || node.title.trim() === '' || typeof node.description !== 'string' || node.description.trim() === '')
        .map(({ pointer, node }) => `${pointer} (missing ${[typeof node.title === 'string' ? '' : 'title', typeof node.description === 'string' ? '' : 'description'].filter(Boolean).join(' and ')})`);
      expect(undocumented).toEqual([]);
    });
  }
});

type EditorAnnotations = { annotatedSchemaText: (text: string) => string; SCHEMA_FILES: string[] };
const { annotatedSchemaText, SCHEMA_FILES } = (await import(pathToFileURL(join(root, 'packages', 'intc', 'scripts', 'editor-annotations.mjs')).href)) as EditorAnnotations;

describe('hovers render Markdown (VS Code shows a plain `description` with its backticks)', () => {
  it('the schema files are as scripts/editor-annotations.mjs writes them', () => {
    expect(SCHEMA_FILES).toEqual(KINDS.map((kind) => `${kind}.schema.json`));
    const stale = KINDS.filter((kind) => {
      const text = readFileSync(schemaPath(kind), 'utf8');
      return annotatedSchemaText(text) !== text;
    });
    expect(stale, 'run `node packages/intc/scripts/editor-annotations.mjs` after editing a description').toEqual([]);
  });

  for (const kind of KINDS) {
    it(`${kind}.schema.json: a description with code, a link or a list has the same text as markdownDescription; one without has none`, () => {
      const nodes = documentedNodes(loadSchema(kind));
      const markdown = nodes.filter(({ node }) => typeof node.markdownDescription === 'string');
      expect(markdown.length).toBeGreaterThan(kind === 'bot' ? 3 : 40);
      for (const { pointer, node } of markdown) expect(node.markdownDescription, pointer).toBe(node.description);
      const withCode = nodes.filter(({ node }) => typeof node.description === 'string' && /`[^`]+`/.test(node.description));
      expect(withCode.filter(({ node }) => node.markdownDescription === undefined).map(({ pointer }) => pointer)).toEqual([]);
      const plain = nodes.filter(({ node }) => typeof node.description === 'string' && !/[`*[]/.test(node.description));
      expect(plain.filter(({ node }) => node.markdownDescription !== undefined).map(({ pointer }) => pointer)).toEqual([]);
    });
  }
});

/** A snippet body as inserted with every placeholder at its default (`${1:name}` → name, `${1|a,b|}` → a, `$1` → nothing). */
function filledSnippet(body: Json): Json {
  const text = JSON.stringify(body)
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '');
  return JSON.parse(text) as Json;
}

describe('completions: every snippet and example is valid where the editor offers it', () => {
  for (const kind of KINDS) {
    it(`${kind}.schema.json`, () => {
      const ajv = editorAjv();
      ajv.addSchema(loadSchema(kind), kind);
      const offered: string[] = [];
      for (const { pointer, node } of documentedNodes(loadSchema(kind))) {
        const snippets = (node.defaultSnippets ?? []) as { label?: Json; description?: Json; body?: Json }[];
        const values: [string, Json][] = [
          ...snippets.map((snippet, index): [string, Json] => {
            expect(typeof snippet.label === 'string' && typeof snippet.description === 'string', `${pointer} snippet ${index}: a label and a description`).toBe(true);
            // The YAML language server inserts an empty object or list as nothing, which YAML reads as null.
            expect(JSON.stringify(snippet.body), `${pointer} snippet ${index}: no empty object or list`).not.toMatch(/\{\}|\[\]/);
            return [`${pointer} ${String(snippet.label)}`, filledSnippet(snippet.body ?? null)];
          }),
          ...((node.examples ?? []) as Json[]).map((example): [string, Json] => [`${pointer} example ${JSON.stringify(example)}`, example]),
        ];
        const validate = values.length > 0 ? ajv.getSchema(`${kind}${pointer}`) : undefined;
        for (const [what, value] of values) {
          expect(validate?.(value), `${what}: ${explain(validate?.errors)}`).toBe(true);
          offered.push(what);
        }
      }
      expect(offered.length).toBeGreaterThan(kind === 'bot' ? 1 : 15);
    });
  }

  it('a manifest made of the snippets for new members is one the compiler accepts', () => {
    const schema = loadSchema('integration');
    const properties = schema.properties as SchemaNode;
    const snippetOf = (node: Json | undefined) => filledSnippet(((node as SchemaNode).defaultSnippets as SchemaNode[])[0]!.body!);
    const manifest = {
      name: 'snippets',
      version: '0.1.0',
      description: 'Made from completions.',
      actions: snippetOf(properties.actions),
      events: snippetOf(properties.events),
      channels: snippetOf(properties.channels),
      states: snippetOf(properties.states),
      entities: snippetOf(properties.entities),
      secrets: snippetOf(properties.secrets),
      configuration: snippetOf((schema.definitions as SchemaNode).configurationDefinition),
    };
    const dir = mkdtempSync(join(tmpdir(), 'intc-snippets-'));
    try {
      writeFileSync(join(dir, 'integration.yaml'), JSON.stringify(manifest, null, 2));
      const { diagnostics } = validate([join(dir, 'integration.yaml')]);
      expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('editors and the CLI give the same help', () => {
  for (const kind of ['integration', 'interface'] as const) {
    it(`${kind}.schema.json: every zod keyword it flags for editors is refused, out of completion, and one the CLI fixes`, () => {
      const properties = (loadSchema(kind).definitions as SchemaNode)['jsonSchemaObject'] as SchemaNode;
      const hints = Object.entries(properties.properties as SchemaNode).filter(([, node]) => typeof (node as SchemaNode).deprecationMessage === 'string');
      expect(hints.length).toBeGreaterThanOrEqual(10);
      for (const [name, node] of hints) {
        expect(node, name).toMatchObject({ not: {}, doNotSuggest: true });
        expect(isSchemaSlip(name), `${name} has editor help but no CLI fix`).toBe(true);
      }
    });
  }

  it('the holders and type names carry an errorMessage for the slips editors see most', () => {
    const definitions = loadSchema('integration').definitions as SchemaNode;
    for (const name of ['schemaHolder', 'configurationDefinition', 'jsonSchemaType', 'secretDefinition']) {
      expect(typeof (definitions[name] as SchemaNode).errorMessage, name).toBe('string');
    }
  });
});

describe('editors and the CLI agree on names', () => {
  function resolveRef(schema: SchemaNode, node: SchemaNode): SchemaNode {
    let current = node;
    const seen = new Set<string>();
    while (typeof current.$ref === 'string') {
      const ref = current.$ref;
      expect(ref.startsWith('#/'), `only local refs expected, got ${ref}`).toBe(true);
      expect(seen.has(ref), `ref cycle at ${ref}`).toBe(false);
      seen.add(ref);
      let target: Json = schema;
      for (const part of ref.slice(2).split('/')) {
        target = (target as SchemaNode)[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json;
      }
      expect(target, `dangling ref ${ref}`).toBeTypeOf('object');
      current = target as SchemaNode;
    }
    return current;
  }

  /** The schema node describing the map at `pattern` (`*` = any key of the map). */
  function mapNode(schema: SchemaNode, pattern: readonly string[]): SchemaNode {
    let node = schema;
    for (const segment of pattern) {
      node = resolveRef(schema, node);
      const next = segment === '*' ? node.additionalProperties : (node.properties as SchemaNode | undefined)?.[segment];
      expect(next, `no schema node for '${segment}' in ${pattern.join('.')}`).toBeTypeOf('object');
      node = next as SchemaNode;
    }
    return resolveRef(schema, node);
  }

  for (const kind of KINDS) {
    for (const map of NAMED_MAPS[kind]) {
      const where = map.pattern.join('.');
      it(`${kind}: ${where} (${map.label}) uses the same pattern in the schema and in the code`, () => {
        const node = mapNode(loadSchema(kind), map.pattern as readonly string[]);
        expect(node.type).toBe('object');
        const propertyNames = node.propertyNames as SchemaNode | undefined;
        expect(propertyNames, `${kind}.schema.json has no propertyNames at ${where}`).toBeTypeOf('object');
        expect(map.rule.pattern.flags).toBe('');
        expect(propertyNames!.pattern).toBe(map.rule.pattern.source);
      });
    }
  }

  it('covers every kind of named map listed in the brief', () => {
    const labels = new Set(KINDS.flatMap((kind) => NAMED_MAPS[kind].map((m) => m.label)));
    for (const label of ['Action', 'Channel', 'Message type', 'Event', 'State', 'Entity', 'Configuration', 'Secret', 'Interface alias', 'Integration alias']) {
      expect(labels.has(label), label).toBe(true);
    }
    expect([...labels].some((l) => /tag/i.test(l))).toBe(true);
  });
});

describe('vendor extensions, Botpress\'s x-zui and OpenAPI\'s discriminator in embedded schemas', () => {
  const zuiSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    'x-zui': {},
    properties: {
      token: { type: 'string', 'x-zui': { title: 'Token', secret: true, placeholder: 'xx', hidden: 'mode == "a"', tooltip: true, displayAs: ['textarea', {}], def: { typeName: 'ZodString' } } },
      list: { type: 'array', items: { type: 'string', 'x-order': 1 }, 'x-custom': [1, { a: null }] },
      choice: {
        oneOf: [{ type: 'object', properties: { k: { const: 'a', 'x-zui': {} } }, required: ['k'], 'x-branch': true }],
        discriminator: { propertyName: 'k', mapping: { a: '#/properties/choice/oneOf/0' }, 'x-note': 'ok' },
      },
    },
    definitions: { 'x-not-a-keyword-here': { type: 'string', 'x-zui': { title: 'Def' } } },
  };

  for (const kind of ['integration', 'interface'] as const) {
    it(`${kind}: accepted at every depth, as Botpress's converter writes them`, () => {
      const manifest = kind === 'integration' ? { ...base, actions: { sendMessage: action(zuiSchema) } } : { name: 'llm', version: '1.0.0', entities: { model: { schema: zuiSchema } } };
      const validate = editorValidator(kind);
      expect(validate(manifest), explain(validate.errors)).toBe(true);
    });

    it(`${kind}: completion and hover for x-zui and discriminator, any x- key allowed`, () => {
      const definitions = loadSchema(kind).definitions as SchemaNode;
      const object = definitions.jsonSchemaObject as SchemaNode;
      expect(Object.keys(object.patternProperties as SchemaNode)).toEqual(['^x-']);
      const properties = object.properties as Record<string, SchemaNode>;
      const zui = properties['x-zui']!;
      expect(zui.type).toBe('object');
      expect(zui.additionalProperties).toBeUndefined(); // open: Botpress adds keys of its own
      expect(zui.errorMessage).toMatch(/x-zui: \{ title: .*, secret: true \}/);
      const zuiKeys = zui.properties as Record<string, SchemaNode>;
      for (const key of ['title', 'secret', 'placeholder', 'hidden', 'displayAs', 'tooltip']) {
        expect(zuiKeys[key]?.title, key).toBe(key);
        expect(zuiKeys[key]?.description, key).toMatch(/\S/);
      }
      const discriminator = properties.discriminator!;
      expect(discriminator.required).toEqual(['propertyName']);
      expect(Object.keys(discriminator.properties as SchemaNode)).toEqual(['propertyName', 'mapping']);
      expect(String((definitions.jsonSchema as SchemaNode).description)).toContain('`x-`');
    });
  }

  it('integration and interface describe embedded schemas identically', () => {
    const of = (kind: ManifestKind) => {
      const definitions = loadSchema(kind).definitions as SchemaNode;
      return [definitions.jsonSchema, definitions.jsonSchemaObject, definitions.jsonSchemaType];
    };
    expect(of('interface')).toEqual(of('integration'));
  });

  it('the CLI finds the meta-schema node of any x- key and of x-zui\'s own keys (for messages)', () => {
    const schemaPath = ['actions', 'send', 'input', 'schema', 'properties', 'x-named', 'items'];
    expect(metaSchemaNodeAt('integration', [...schemaPath, 'x-order'])?.title).toBe('Vendor extension');
    expect(metaSchemaNodeAt('integration', [...schemaPath, 'x-zui'])?.title).toBe('x-zui');
    expect(metaSchemaNodeAt('integration', [...schemaPath, 'x-zui', 'secret'])?.type).toBe('boolean');
    expect(metaSchemaNodeAt('interface', ['entities', 'e', 'schema', 'discriminator', 'propertyName'])?.type).toBe('string');
    // A property named x-… is a property, not an extension.
    expect(metaSchemaNodeAt('integration', ['actions', 'send', 'input', 'schema', 'properties', 'x-named'])?.title).toBe('JSON Schema object');
  });
});
