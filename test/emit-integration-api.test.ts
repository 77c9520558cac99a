/**
 * `emitIntegrationApi`: the files, their header and imports, the exported
 * names (the contract the stubs and the example rely on), manifest text that
 * cannot break the file, determinism, and size and speed on 1000 actions.
 * That the output type-checks is `typecheck-api.test.ts`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { jsDoc, literalUnion, typeKey } from '../packages/intc/src/emit/api/ts-syntax.js';
import { doNotEditHeader } from '../packages/intc/src/emit/generated-file.js';
import { emitIntegrationApi } from '../packages/intc/src/emit/integration-api.js';
import { typeNamesOf } from '../packages/intc/src/emit/type-names.js';
import { toIntegrationModel, type IntegrationModel } from '../packages/intc/src/model/integration-model.js';
import { loadModel, withProtoNames } from './api-fixtures/models.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (path: string) => loadModel(join(repo, path));

function emit(model: IntegrationModel): { index: string; integration: string } {
  const files = emitIntegrationApi(model, typeNamesOf(model));
  expect(files.map((f) => f.path)).toEqual(['index.ts', 'integration.ts']);
  return { index: files[0]!.content, integration: files[1]!.content };
}

/** The names a module exports, sorted. */
function exportedNames(source: string): string[] {
  const file = ts.createSourceFile('integration.ts', source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of file.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
  }
  return names.sort();
}

function syntaxErrors(source: string): string[] {
  const result = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  return (result.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const CONTRACT_NAMES = [
  'ActionHandlers',
  'ActionName',
  'ActionProps',
  'ChannelHandlers',
  'ChannelName',
  'Client',
  'Context',
  'ConversationTagName',
  'EventName',
  'Integration',
  'IntegrationImplementation',
  'MessageHandlers',
  'MessageProps',
  'MessageTagName',
  'RegisterHandler',
  'RegisterProps',
  'SecretName',
  'StateName',
  'UnregisterHandler',
  'UnregisterProps',
  'UserTagName',
  'WebhookHandler',
  'WebhookProps',
];

describe('emitIntegrationApi', () => {
  it('writes index.ts (re-exports) and integration.ts, each with the do-not-edit header', () => {
    const { index, integration } = emit(fixture('fixtures/valid/telegram/integration.yaml'));
    const header = doNotEditHeader('integration.yaml');
    expect(index).toBe(`${header}export * from './types.js';\nexport * from './integration.js';\n`);
    expect(integration.startsWith(header)).toBe(true);
    expect(integration.endsWith('}\n')).toBe(true);
    expect(integration).not.toContain('\r');
  });

  it('exports exactly the names of the design contract', () => {
    for (const path of ['fixtures/valid/telegram/integration.yaml', 'fixtures/valid/minimal/integration.yaml']) {
      expect(exportedNames(emit(fixture(path)).integration)).toEqual(CONTRACT_NAMES);
    }
  });

  it('imports types with `import type`, relative modules with .js, the runtime from @intc/runtime', () => {
    const { integration } = emit(fixture('fixtures/valid/telegram/integration.yaml'));
    const imports = [...integration.matchAll(/^import (type )?([^;]*?) from '([^']+)';$/gms)].map((m) => ({ type: m[1] !== undefined, what: m[2]!, from: m[3]! }));
    expect(imports.map((i) => i.from)).toEqual(['@intc/runtime', '@intc/runtime', './types.js', './validators.js']);
    expect(imports.map((i) => i.type)).toEqual([false, true, true, false]);
    expect(imports[0]!.what).toBe('{ IntegrationRuntime }');
    expect(imports[3]!.what).toBe('{ validators }');
    expect(imports[2]!.what).toContain('SendMessageInput,\n  SendMessageInputGiven,\n  SendMessageOutput,');
  });

  it('writes the Spec from the type names, tag unions and secret presence', () => {
    const { integration } = emit(fixture('fixtures/valid/telegram/integration.yaml'));
    // The input has a default: both of its types, what the handler receives and what a caller gives.
    expect(integration).toContain('    sendMessage: { input: rt.WithDefaults<SendMessageInput, SendMessageInputGiven>; output: SendMessageOutput };\n');
    expect(integration).toContain('    getUserProfile: { input: GetUserProfileInput; output: GetUserProfileOutput };\n');
    expect(integration).toContain('      conversationTags: "chatId" | "id";\n');
    expect(integration).toContain('  userTags: "telegramId" | "username";\n');
    expect(integration).toContain('    SENTRY_DSN: string | undefined;\n');
    expect(integration).toContain('    chatInfo: { type: "conversation"; payload: ChatInfoState };\n');
    expect(integration).toContain('  secrets: {\n    required: [],\n    optional: ["SENTRY_DSN"],\n  },\n');
    expect(integration).toContain('    integration: ["lastUpdateId"],\n    conversation: ["chatInfo"],\n    user: [],\n');
  });

  it('names the named configurations and their types', () => {
    const { integration } = emit(fixture('fixtures/valid/multi-config/integration.yaml'));
    expect(integration).toContain('  configuration: Configuration;\n');
    expect(integration).toContain('    mongodb: MongodbConfiguration;\n');
    expect(integration).toContain('  configurations: ["mongodb", "postgres"],\n');
  });

  it('gives valid code for a manifest with nothing but a name and a version', () => {
    const { integration } = emit(fixture('fixtures/valid/minimal/integration.yaml'));
    expect(integration).toContain("import type {\n  Configuration,\n} from './types.js';\n");
    expect(integration).toContain('  configuration: Configuration;\n  configurations: Record<never, never>;\n  actions: Record<never, never>;\n  channels: Record<never, never>;\n');
    expect(integration).toContain('  userTags: never;\n');
    expect(syntaxErrors(integration)).toEqual([]);
  });

  it('keeps reserved words, prototype names and comment-breaking text harmless', () => {
    const { integration } = emit(withProtoNames(loadModel(join(repo, 'test/api-fixtures/reserved/integration.yaml'))));
    expect(syntaxErrors(integration)).toEqual([]);
    expect(integration).toContain('    delete: { input: DeleteInput; output: DeleteOutput };\n');
    expect(integration).toContain('    __proto__: { input: __proto__Input; output: __proto__Output };\n');
    expect(integration).toContain('    integration: ["__proto__"],\n');
    expect(integration).toContain('/** ends a comment *\\/ /* and opens another */');
    // Every comment the file holds closes where it should: only the doc blocks, the header and the `//` lines.
    const code = ts.createSourceFile('x.ts', integration, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    expect(code.statements.filter((s) => ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s)).length).toBe(CONTRACT_NAMES.length + 1);
  });

  it('is byte-identical for the same manifest, whatever the order of its keys', () => {
    const manifest = { name: 'order', version: '1.0.0', actions: { b: {}, a: {} }, secrets: { Z_KEY: {}, A_KEY: { optional: true } }, user: { tags: { y: {}, x: {} } } };
    const reordered = { secrets: { A_KEY: { optional: true }, Z_KEY: {} }, user: { tags: { x: {}, y: {} } }, actions: { a: {}, b: {} }, version: '1.0.0', name: 'order' };
    const first = emit(toIntegrationModel(manifest, '/p/integration.yaml'));
    expect(emit(toIntegrationModel(reordered, '/p/integration.yaml'))).toEqual(first);
    expect(emit(toIntegrationModel(manifest, '/p/integration.yaml'))).toEqual(first);
  });

  it('grows with the manifest and stays fast: 1000 actions', () => {
    const actions = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`action${i}`, { description: `Action ${i}` }]));
    const model = (count: number) => toIntegrationModel({ name: 'big', version: '1.0.0', actions: actions(count) }, '/p/integration.yaml');
    const empty = emit(model(0)).integration.length;
    const big = model(1000);
    const names = typeNamesOf(big);
    const size = emitIntegrationApi(big, names)[1]!.content.length;
    const elapsed = Math.min(
      ...[1, 2, 3].map(() => {
        const started = performance.now();
        emitIntegrationApi(big, names);
        return performance.now() - started;
      }),
    );
    expect((size - empty) / 1000).toBeLessThan(150);
    expect(elapsed).toBeLessThan(50);
  });
});

describe('TypeScript pieces', () => {
  it('keys: identifiers bare, anything else quoted', () => {
    expect(typeKey('delete')).toBe('delete');
    expect(typeKey('__proto__')).toBe('__proto__');
    expect(typeKey('a-b')).toBe('"a-b"');
    expect(typeKey('é')).toBe('"é"');
  });

  it('unions of names, `never` for none', () => {
    expect(literalUnion([])).toBe('never');
    expect(literalUnion(['a', 'b"c'])).toBe('"a" | "b\\"c"');
  });

  it('JSDoc: escapes the comment end, keeps paragraphs, drops empty text', () => {
    expect(jsDoc([undefined, ' '], '')).toBe('');
    expect(jsDoc(['a */ b'], '  ')).toBe('  /** a *\\/ b */\n');
    expect(jsDoc(['Title', 'line 1\r\nline 2\u2028`${x}`'], '')).toBe('/**\n * Title\n *\n * line 1\n * line 2\n * `${x}`\n */\n');
  });
});
