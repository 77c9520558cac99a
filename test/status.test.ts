/**
 * The developer loop: `intc status` (TODO handlers found by the template's
 * tokens, stale handlers by their types whatever the file is called, unwired
 * ones, pending renames; text, json and github output; --strict for CI),
 * the TODO line `intc generate` ends with (also from the fast path), and
 * renames carried out by `intc generate` from the run record.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import type { GenerateIo } from '../packages/intc/src/cli/generate-command.js';
import { main } from '../packages/intc/src/cli/main.js';
import { isTodoHandler } from '../packages/intc/src/stubs/todo-handlers.js';
import { stubLayout } from '../packages/intc/src/stubs/stub-layout.js';
import { stubTemplate } from '../packages/intc/src/stubs/stub-templates.js';
import { projectLayout } from '../packages/intc/src/generate/project-layout.js';
import { toIntegrationModel } from '../packages/intc/src/model/integration-model.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const base = mkdtempSync(join(tmpdir(), 'intc-status-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const MANIFEST = `name: chat
version: 0.1.0
description: A chat service.
actions:
  getChat:
    description: Read a chat
    input: { schema: { type: object, properties: { chatId: { type: string } }, required: [chatId] } }
    output: { schema: { type: object, properties: { title: { type: string } } } }
  sendMessage:
    description: Send a message
    input: { schema: { type: object, properties: { text: { type: string } }, required: [text] } }
    output: { schema: { type: object, properties: { id: { type: string } } } }
channels:
  chat:
    description: A chat
    messages:
      text: { schema: { type: object, properties: { text: { type: string } } } }
`;

const ALL_TODO = '6 handlers still TODO: register, unregister, handler, getChat, sendMessage and 1 more';

let counter = 0;
function project(manifest = MANIFEST): string {
  const dir = join(base, `p${++counter}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'integration.yaml'), manifest);
  return dir;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function intc(cwd: string, ...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: GenerateIo = { cwd, color: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The `file:line:col code` of each diagnostic in a text report. */
function located(stdout: string): string[] {
  return [...stdout.matchAll(/^(\S+:\d+:\d+) - (?:warning|error) (\S+):/gm)].map((match) => `${match[1]} ${match[2]}`);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const write = (dir: string, file: string, text: string) => writeFileSync(join(dir, file), text);

/** The stub's body replaced by `body` (its first line up to `{` kept). */
function implement(dir: string, file: string, body: string): void {
  write(dir, file, read(dir, file).replace(/\{\n[^]*\n\};\n$/, `{\n${body}\n};\n`));
}

describe('intc status', () => {
  it('lists the TODO handlers at their export, ends with the TODO line; --strict exits 1 while one is left', async () => {
    const dir = project();
    await intc(dir, 'generate');
    const run = await intc(dir, 'status');
    expect(run.code).toBe(0);
    expect(located(run.stdout)).toEqual([
      'src/actions/getChat.ts:3:14 todo-handler',
      'src/actions/sendMessage.ts:3:14 todo-handler',
      'src/channels/chat/text.ts:3:14 todo-handler',
      'src/handler.ts:3:14 todo-handler',
      'src/register.ts:3:14 todo-handler',
      'src/unregister.ts:3:14 todo-handler',
    ]);
    expect(run.stdout).toContain(
      "src/actions/sendMessage.ts:3:14 - warning todo-handler: Action 'sendMessage' still has the TODO body intc wrote in 'src/actions/sendMessage.ts': implement it.\n\n  2 | \n> 3 | export const sendMessageAction: ActionHandlers[\"sendMessage\"] = async (\n    |              ^^^^^^^^^^^^^^^^^\n",
    );
    expect(run.stdout).toMatch(new RegExp(`\\nFound 0 errors, 6 warnings\\.\\n${ALL_TODO} \\(each one is listed above\\)\\.\\n$`));
    expect((await intc(dir, 'status', '--strict')).code).toBe(1);

    for (const [file, body] of [
      ['src/register.ts', '  void props.webhookUrl;'],
      ['src/unregister.ts', '  void props;\n  await Promise.resolve();'],
      ['src/handler.ts', '  void props;\n  return { status: 200 };'],
      ['src/actions/getChat.ts', "  return { title: props.input.chatId };"],
      ['src/actions/sendMessage.ts', "  // TODO: retry on rate limits (a user's own TODO)\n  return { id: props.input.text };"],
      ['src/channels/chat/text.ts', '  void props.payload;'],
    ] as const) {
      implement(dir, file, body);
    }
    const done = await intc(dir, 'status', '--strict');
    expect(done).toEqual({ code: 0, stdout: 'Nothing left to do: 6 handlers implemented and wired.\n', stderr: '' });
  });

  it('stale: a file typed as a member that left, whatever its name (moved by hand over another stub)', async () => {
    const dir = project();
    await intc(dir, 'generate');
    implement(dir, 'src/actions/sendMessage.ts', '  return { id: props.input.text };');
    // The manifest renames sendMessage; the user moves the file over the new name by hand, without touching it.
    write(dir, 'integration.yaml', MANIFEST.replace('  sendMessage:', '  postMessage:'));
    write(dir, 'src/actions/postMessage.ts', read(dir, 'src/actions/sendMessage.ts'));
    rmSync(join(dir, 'src', 'actions', 'sendMessage.ts'));
    const run = await intc(dir, 'status');
    expect(located(run.stdout)).toContain('src/actions/postMessage.ts:3:14 stale-handler');
    expect(run.stdout).toContain(
      "warning stale-handler: Action 'sendMessage' is no longer in the manifest; yet 'src/actions/postMessage.ts', the handler file of action 'postMessage', is typed as its handler: make it the handler of 'postMessage' (`export const postMessageAction: ActionHandlers['postMessage']`) and check its wiring in index.ts.",
    );
    // `intc generate` says the same, and the fast path repeats it.
    const generated = await intc(dir, 'generate');
    expect(generated.stdout).toContain("warning stale-handler: Action 'sendMessage' is no longer in the manifest; yet 'src/actions/postMessage.ts'");
  });

  it('unwired: a stub index.ts does not name (intc generate would wire it) and one it cannot wire', async () => {
    const dir = project();
    await intc(dir, 'generate');
    write(dir, 'src/index.ts', read(dir, 'src/index.ts').replace('    getChat: getChatAction,\n', '').replace('import { getChatAction } from "./actions/getChat.js";\n', ''));
    const run = await intc(dir, 'status');
    expect(run.stdout).toContain(
      "src/index.ts:1:1 - warning unwired-handler: Action 'getChat' has a handler in 'src/actions/getChat.ts', but 'src/index.ts' does not wire it yet; run 'intc generate' to wire it.\n",
    );
    expect(run.stdout).not.toContain('stub-out-of-date'); // the index.ts update is said handler by handler
    write(dir, 'src/index.ts', read(dir, 'src/index.ts').replace('  actions: {', '  actions: { ...{},'));
    const spread = await intc(dir, 'status');
    expect(spread.stdout).toMatch(/src\/index\.ts:\d+:\d+ - warning unwired-handler: Action 'getChat' has a handler in 'src\/actions\/getChat\.ts', but `actions` in the `new Integration\(\{ \.\.\. \}\)` object has a spread or computed key that may already hold it; add it by hand\.\n/);
  });

  it('what intc generate would do: a missing stub at its manifest key, a pending rename at the old file', async () => {
    const dir = project();
    await intc(dir, 'generate');
    implement(dir, 'src/actions/sendMessage.ts', '  return { id: props.input.text };');
    write(dir, 'integration.yaml', MANIFEST.replace('  sendMessage:\n', '  postMessage:\n    renamedFrom: sendMessage\n').replace('actions:\n', 'actions:\n  archive:\n    description: Archive\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n'));
    const run = await intc(dir, 'status');
    expect(located(run.stdout)).toEqual([
      'integration.yaml:5:3 stub-out-of-date',
      'src/actions/getChat.ts:3:14 todo-handler',
      'src/actions/sendMessage.ts:1:1 stub-out-of-date',
      'src/channels/chat/text.ts:3:14 todo-handler',
      'src/handler.ts:3:14 todo-handler',
      'src/register.ts:3:14 todo-handler',
      'src/unregister.ts:3:14 todo-handler',
      'src/index.ts:1:1 stub-out-of-date',
    ].sort());
    expect(run.stdout).toContain("warning stub-out-of-date: 'src/actions/archive.ts' does not exist yet; run 'intc generate' to create its handler stub.");
    expect(run.stdout).toContain("warning stub-out-of-date: 'src/actions/sendMessage.ts' is to move to 'src/actions/postMessage.ts' (its member was renamed); run 'intc generate' to move it with your code.");
    // The TODO line counts the stub generate would create, not the code that moves.
    expect(run.stdout).toMatch(/\n6 handlers still TODO: register, unregister, handler, archive, getChat and 1 more \(each one is listed above\)\.\n$/);
  });

  it('--format json and --format github', async () => {
    const dir = project();
    await intc(dir, 'generate');
    const json = JSON.parse((await intc(dir, 'status', '--format', 'json')).stdout) as {
      diagnostics: { file: string; line: number; column: number; code: string }[];
      warningCount: number;
      todo: { manifest: string; handlers: string[] }[];
    };
    expect(json.warningCount).toBe(6);
    expect(json.diagnostics[0]).toMatchObject({ file: join('src', 'actions', 'getChat.ts'), line: 3, column: 14, code: 'todo-handler' });
    expect(json.todo).toEqual([{ manifest: 'integration.yaml', handlers: ['register', 'unregister', 'handler', 'getChat', 'sendMessage', 'chat.text'] }]);
    const github = await intc(dir, 'status', '--format', 'github');
    expect(github.stdout.split('\n')[0]).toBe(
      "::warning file=src/actions/getChat.ts,line=3,col=14,endLine=3,endColumn=27,title=intc todo-handler::Action 'getChat' still has the TODO body intc wrote in 'src/actions/getChat.ts': implement it.",
    );
    expect(github.stdout).toMatch(new RegExp(`\\n${ALL_TODO} \\(each one is annotated\\)\\.\\n$`));
    expect((await intc(dir, 'status', '--format', 'yaml')).code).toBe(2);
  });

  it('a manifest with errors: its errors, exit 1', async () => {
    const dir = project(MANIFEST.replace('  getChat:', '  get_chat:'));
    const run = await intc(dir, 'status');
    expect(run.code).toBe(1);
    expect(located(run.stdout)).toEqual(['integration.yaml:5:3 invalid-name']);
    expect(run.stdout).toMatch(/The manifests have errors; fix them first \(intc validate\)\.\n$/);
  });
});

describe('TODO detection: the template, token for token', () => {
  const model = toIntegrationModel({ name: 'x', version: '1.0.0', actions: { sendMessage: { input: { schema: { type: 'object' } }, output: { schema: { type: 'object' } } } } }, '/p/integration.yaml');
  const stub = stubLayout(model, projectLayout(model.manifestPath)).handlers.find((handler) => handler.kind === 'action')!;
  const template = stubTemplate(stub);

  it.each([
    ['the template itself', template, true],
    ['reformatted, single quotes, CRLF, comments changed', template.replace(/"/g, "'").replace(/\n/g, '\r\n').replace('// TODO', '// still to do').replace('void props;', 'void   props ;'), true],
    ['the error message of another name (a stub moved as it was)', template.replace('The sendMessage action', 'The postMessage action'), true],
    ['an edited body', template.replace('void props;', 'void props.input;'), false],
    ['a body of its own with a TODO comment', template.replace(/ {2}void props;\n.*\n/, '  // TODO: handle errors\n  return {};\n'), false],
    ['another parameter name', template.replace(/props/g, 'p'), false],
    ['`satisfies` instead of an annotation, same body', template.replace(': ActionHandlers["sendMessage"] = async', ' = (async').replace(/};\n$/, '}) satisfies ActionHandlers["sendMessage"];\n'), false],
    ['the export renamed', template.replace('sendMessageAction', 'send'), false],
  ])('%s', (_name, text, todo) => {
    expect(isTodoHandler(text, stub)).toBe(todo);
  });

  it.each([
    ['its defaults', {}],
    ['single quotes, no semicolons, a lone parameter bare, 40 columns, tabs', { singleQuote: true, semi: false, arrowParens: 'avoid', printWidth: 40, useTabs: true, trailingComma: 'none' }],
    ['120 columns, trailing commas everywhere', { printWidth: 120, trailingComma: 'all' }],
  ] as const)('every kind of stub is still TODO after Prettier with %s reformats it', async (_name, options) => {
    const channels = { telegramBotConversations: { messages: { text: { schema: { type: 'object' } } } } };
    const action = { input: { schema: { type: 'object' } }, output: { schema: { type: 'object' } } };
    const manifest = { name: 'x', version: '1.0.0', actions: { aLongActionNameThatBreaksTheLine: action }, channels };
    const all = toIntegrationModel(manifest, '/p/integration.yaml');
    const handlers = stubLayout(all, projectLayout(all.manifestPath)).handlers;
    expect(handlers.map((handler) => handler.kind)).toEqual(['register', 'unregister', 'webhook', 'action', 'message']);
    for (const handler of handlers) {
      const formatted = await format(stubTemplate(handler), { parser: 'typescript', ...options });
      expect(isTodoHandler(formatted, handler)).toBe(true);
    }
  });
});

describe('the TODO line of intc generate and renames through the run record', () => {
  it('generate ends with the TODO line (none when none is left); a rename by schemas moves the code; --check says it would', async () => {
    const dir = project();
    expect((await intc(dir, 'generate')).stdout).toMatch(new RegExp(`\\n${ALL_TODO} \\(intc status lists them\\)\\.\\n$`));
    implement(dir, 'src/actions/sendMessage.ts', '  return { id: props.input.text };');
    const implemented = read(dir, 'src/actions/sendMessage.ts');
    expect((await intc(dir, 'generate')).stdout).toBe('Nothing changed: 5 generated files up to date.\n5 handlers still TODO: register, unregister, handler, getChat, chat.text.\n');

    write(dir, 'integration.yaml', MANIFEST.replace('  sendMessage:', '  postMessage:'));
    const check = await intc(dir, 'generate', '--check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('Would move src/actions/sendMessage.ts to src/actions/postMessage.ts (handler stub, renamed)\n');
    expect(check.stdout).not.toContain('Would delete src/actions/sendMessage.ts');
    const run = await intc(dir, 'generate');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Moved src\/actions\/sendMessage\.ts to src\/actions\/postMessage\.ts \(handler stub, renamed\)\nGenerated 5 files \(\d written, \d unchanged\), 1 handler stub updated, 1 renamed handler moved\.\n5 handlers still TODO/);
    expect(existsSync(join(dir, 'src', 'actions', 'sendMessage.ts'))).toBe(false);
    expect(read(dir, 'src/actions/postMessage.ts')).toBe(implemented.replace('sendMessageAction', 'postMessageAction').replace('["sendMessage"]', '["postMessage"]'));
    expect(read(dir, 'src/index.ts')).toContain('    postMessage: postMessageAction,\n');
    expect((await intc(dir, 'status')).stdout).not.toMatch(/stale|unwired|out-of-date|rename/);
    // The record describes what the next run sees, so a later full run writes the same one (a crashed run's recovery does).
    const record = read(dir, 'src/generated/.intc-state.json');
    process.env.INTC_NO_CACHE = '1';
    try {
      expect((await intc(dir, 'generate')).stdout).toMatch(/^Nothing changed/);
    } finally {
      delete process.env.INTC_NO_CACHE;
    }
    expect(read(dir, 'src/generated/.intc-state.json')).toBe(record);

    for (const file of ['src/register.ts', 'src/unregister.ts', 'src/handler.ts', 'src/actions/getChat.ts', 'src/channels/chat/text.ts']) implement(dir, file, '  void props;\n  await Promise.resolve();');
    expect((await intc(dir, 'generate')).stdout).toBe('Nothing changed: 5 generated files up to date.\n');
  });
});

describe('renames without the run record', () => {
  it("the previous definition.json tells the members when the record is gone (a fresh clone that commits the generated folder)", async () => {
    const dir = project();
    await intc(dir, 'generate');
    implement(dir, 'src/channels/chat/text.ts', '  void props.payload;');
    const implemented = read(dir, 'src/channels/chat/text.ts');
    rmSync(join(dir, 'src', 'generated', '.intc-state.json'));
    write(dir, 'integration.yaml', MANIFEST.replace('      text:', '      plain:'));
    const run = await intc(dir, 'generate');
    expect(run.stdout).toMatch(/^Moved src\/channels\/chat\/text\.ts to src\/channels\/chat\/plain\.ts \(handler stub, renamed\)\n/);
    expect(read(dir, 'src/channels/chat/plain.ts')).toBe(implemented.replace('chatTextMessage', 'chatPlainMessage').replace('["chat"]["text"]', '["chat"]["plain"]'));
    expect(read(dir, 'src/index.ts')).toContain('        plain: chatPlainMessage,\n');
  });
});

// As a process (bin/intc.cjs over the built dist/): the fast path answers a no-change run and prints the TODO line from the record.
const BIN = join(ROOT, 'packages', 'intc', 'bin', 'intc.cjs');
describe.skipIf(!existsSync(join(ROOT, 'dist', 'intc-fast.cjs')))('the fast path', () => {
  it('prints the TODO line a full run prints, and follows an edit of a stub', () => {
    const dir = project();
    const run = (env: Record<string, string> = {}) => spawnSync(process.execPath, [BIN, 'generate'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } }).stdout;
    run();
    const fast = run();
    expect(fast).toBe(`Nothing changed: 5 generated files up to date.\n${ALL_TODO} (intc status lists them).\n`);
    expect(run({ INTC_NO_CACHE: '1' })).toBe(fast);
    implement(dir, 'src/register.ts', '  void props.webhookUrl;');
    expect(run()).toBe('Nothing changed: 5 generated files up to date.\n5 handlers still TODO: unregister, handler, getChat, sendMessage, chat.text.\n');
    expect(run()).toBe('Nothing changed: 5 generated files up to date.\n5 handlers still TODO: unregister, handler, getChat, sendMessage, chat.text.\n');
  });
});
