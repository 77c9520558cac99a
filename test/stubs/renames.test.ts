/**
 * Renames keep the user's code: a renamed action, channel or message type
 * moves its handler file (export and intc's annotation renamed, every other
 * byte kept), index.ts follows, and the project type-checks after; ambiguous
 * cases are warnings that say what to write, never a guess; a move a killed
 * run left half done is completed.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { StubPlan } from '../../packages/intc/src/stubs/plan-stubs.js';
import { StubProject, type ManifestShape } from './stub-project.js';

const projects: StubProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.dispose();
});

/** A project that remembers members from run to run, as the run record does. */
function project(shape: ManifestShape): StubProject {
  const created = new StubProject(shape);
  created.history = new Map();
  projects.push(created);
  return created;
}

function summary(stubProject: StubProject, plan: StubPlan): string[] {
  return plan.files.map((file) => `${file.status} ${stubProject.rel(file.path)}${file.movedFrom ? ` (from ${stubProject.rel(file.movedFrom)})` : ''}`);
}

function diagnostics(stubProject: StubProject, plan: StubPlan): string[] {
  return plan.diagnostics.map((d) => `${stubProject.rel(d.location.file)}:${d.location.start.line}:${d.location.start.column} ${d.code} ${d.message}`);
}

/** Every .ts file of the project that tsc should check. */
const SOURCES = (stubProject: StubProject, extra: readonly string[]) =>
  ['src/index.ts', 'src/register.ts', 'src/unregister.ts', 'src/handler.ts', 'src/generated/index.ts', ...extra].filter((file) => stubProject.exists(file));

const INPUTS = { getUser: { type: 'object', properties: { id: { type: 'string' } } }, sendMessage: { type: 'object', properties: { text: { type: 'string' } } } };
const SHAPE: ManifestShape = { actions: ['getUser', 'sendMessage'], channels: { telegram: ['image', 'text'] }, schemas: { ...INPUTS, 'telegram.text': { type: 'object', properties: { text: { type: 'string' } } } } };

/** A handler the user wrote, using the export's name and intc's annotation, plus a comment with TODO in it. */
const IMPLEMENTED = `import type { ActionHandlers } from '../generated/index.js';
import { helper } from '../lib/helper.js';

// TODO(me): retry on rate limits.
export const sendMessageAction: ActionHandlers['sendMessage'] = async ({ input, logger }) => {
  logger.info(helper(JSON.stringify(input)));
  return { ok: sendMessageAction.length > 0 };
};

export default sendMessageAction;
`;

function implemented(stubProject: StubProject): void {
  stubProject.write('src/lib/helper.ts', 'export const helper = (text: string): string => text.trim();\n');
  stubProject.write('src/actions/sendMessage.ts', IMPLEMENTED);
}

/** What intc did before renames kept code: sendMessage renamed postMessage gave a TODO stub for the new name, wired beside the old one. */
function strandedRename(): StubProject {
  const stubProject = project(SHAPE);
  stubProject.generate();
  implemented(stubProject);
  stubProject.history = undefined;
  stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'] });
  stubProject.generate();
  return stubProject;
}

describe('a rename moves the handler with its code', () => {
  test('by schemas: one action gone, one new with the same schemas; export, annotation and wiring follow; tsc passes', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    implemented(stubProject);
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], schemas: { ...SHAPE.schemas, postMessage: INPUTS.sendMessage } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual([
      'create src/actions/postMessage.ts (from src/actions/sendMessage.ts)',
      'delete src/actions/sendMessage.ts',
      'update src/index.ts',
    ]);
    expect(diagnostics(stubProject, plan)).toEqual([]);
    // Byte for byte the user's file, but for the export's name and intc's annotation.
    expect(stubProject.read('src/actions/postMessage.ts')).toBe(
      IMPLEMENTED.replace(/sendMessageAction/g, 'postMessageAction').replace("ActionHandlers['sendMessage']", "ActionHandlers['postMessage']"),
    );
    expect(stubProject.exists('src/actions/sendMessage.ts')).toBe(false);
    const index = stubProject.read('src/index.ts');
    expect(index).toContain('import { postMessageAction } from "./actions/postMessage.js";\n');
    expect(index).toContain('    postMessage: postMessageAction,\n');
    expect(index).not.toContain('sendMessage');
    expect(stubProject.typeErrors(SOURCES(stubProject, ['src/actions/getUser.ts', 'src/actions/postMessage.ts', 'src/channels/telegram/image.ts', 'src/channels/telegram/text.ts']))).toEqual([]);
    expect(stubProject.plan().files).toEqual([]);
    expect(plan.todo.map((stub) => stub.name)).not.toContain('postMessage'); // the moved code is not a TODO
  });

  test('by `renamedFrom`, without any history and with changed schemas; the wiring keeps its own spelling', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    implemented(stubProject);
    // Extensionless import and a quoted key: re-pointed in their own style.
    stubProject.write('src/index.ts', stubProject.read('src/index.ts').replace('"./actions/sendMessage.js"', '"./actions/sendMessage"').replace('sendMessage: sendMessageAction', "'sendMessage': sendMessageAction"));
    stubProject.history = undefined;
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['create src/actions/postMessage.ts (from src/actions/sendMessage.ts)', 'delete src/actions/sendMessage.ts', 'update src/index.ts']);
    const index = stubProject.read('src/index.ts');
    expect(index).toContain('import { postMessageAction } from "./actions/postMessage";\n');
    expect(index).toContain("    'postMessage': postMessageAction,\n");
    // `renamedFrom` may stay: the old name has no file any more, so nothing more happens.
    expect(stubProject.plan().files).toEqual([]);
  });

  test('a channel renamed with `renamedFrom` moves each message type; its key in index.ts is renamed once', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    const text = stubProject.read('src/channels/telegram/text.ts').replace(/ {2}\/\/ TODO[^]*\n};\n$/, '  void props.payload;\n};\n');
    stubProject.write('src/channels/telegram/text.ts', text);
    stubProject.setManifest({ ...SHAPE, channels: { tg: ['image', 'text'] }, renamedFrom: { tg: 'telegram' } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual([
      'delete src/channels/telegram/image.ts',
      'delete src/channels/telegram/text.ts',
      'create src/channels/tg/image.ts (from src/channels/telegram/image.ts)',
      'create src/channels/tg/text.ts (from src/channels/telegram/text.ts)',
      'update src/index.ts',
    ]);
    expect(stubProject.read('src/channels/tg/text.ts')).toBe(text.replace('telegramTextMessage', 'tgTextMessage').replace('MessageHandlers["telegram"]["text"]', 'MessageHandlers["tg"]["text"]'));
    // The untouched stub moved as the new name's fresh stub (its messages name the new channel).
    expect(stubProject.read('src/channels/tg/image.ts')).toContain("channel 'tg'");
    const index = stubProject.read('src/index.ts');
    expect(index).toContain('    tg: {\n      messages: {\n        image: tgImageMessage,\n        text: tgTextMessage,\n');
    expect(index).not.toContain('telegram');
    expect(stubProject.typeErrors(SOURCES(stubProject, ['src/actions/getUser.ts', 'src/actions/sendMessage.ts', 'src/channels/tg/image.ts', 'src/channels/tg/text.ts']))).toEqual([]);
    expect(stubProject.plan().files).toEqual([]);
  });

  test('a message type renamed by schemas within its channel', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    stubProject.write('src/channels/telegram/text.ts', stubProject.read('src/channels/telegram/text.ts').replace(/ {2}\/\/ TODO[^]*\n};\n$/, '  void props.payload;\n};\n'));
    stubProject.setManifest({ ...SHAPE, channels: { telegram: ['image', 'markdown'] }, schemas: { ...SHAPE.schemas, 'telegram.markdown': SHAPE.schemas!['telegram.text']! } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['create src/channels/telegram/markdown.ts (from src/channels/telegram/text.ts)', 'delete src/channels/telegram/text.ts', 'update src/index.ts']);
    expect(stubProject.read('src/channels/telegram/markdown.ts')).toContain('export const telegramMarkdownMessage: MessageHandlers["telegram"]["markdown"] = async (\n  props,\n) => {\n  void props.payload;\n};\n');
    expect(stubProject.read('src/index.ts')).toContain('        markdown: telegramMarkdownMessage,\n');
    expect(stubProject.typeErrors(SOURCES(stubProject, ['src/actions/getUser.ts', 'src/actions/sendMessage.ts', 'src/channels/telegram/image.ts', 'src/channels/telegram/markdown.ts']))).toEqual([]);
  });

  test('over the untouched stub an earlier run created for the new name: the moved code replaces it, the old wiring goes', () => {
    const stubProject = strandedRename();
    expect(stubProject.read('src/index.ts')).toContain('    sendMessage: sendMessageAction,\n    postMessage: postMessageAction,\n');
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['update src/actions/postMessage.ts (from src/actions/sendMessage.ts)', 'delete src/actions/sendMessage.ts', 'update src/index.ts']);
    const index = stubProject.read('src/index.ts');
    expect(index).not.toContain('sendMessage');
    expect(index.match(/postMessageAction/g)).toHaveLength(2); // one import, one property
    expect(stubProject.typeErrors(SOURCES(stubProject, ['src/actions/getUser.ts', 'src/actions/postMessage.ts', 'src/channels/telegram/image.ts', 'src/channels/telegram/text.ts']))).toEqual([]);
  });

  test('in a one-line object, the old property and its comma go; the rest of the line stays', () => {
    const stubProject = strandedRename();
    const index = stubProject.read('src/index.ts').replace(/ {2}actions: \{\n[^}]*\},\n/, '  actions: { sendMessage: sendMessageAction, getUser: getUserAction, postMessage: postMessageAction },\n');
    stubProject.write('src/index.ts', index);
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    stubProject.generate();
    expect(stubProject.read('src/index.ts')).toBe(
      index.replace('import { sendMessageAction } from "./actions/sendMessage.js";\n', '').replace('{ sendMessage: sendMessageAction, getUser', '{ getUser'),
    );
  });
});

describe('what intc does not guess', () => {
  test('two gone and two new with the same schemas: a warning per old file, no stub for the new ones; `renamedFrom` on one resolves both', () => {
    const stubProject = project({ actions: ['alpha', 'beta'] });
    stubProject.generate();
    stubProject.write('src/actions/alpha.ts', stubProject.read('src/actions/alpha.ts').replace(/ {2}\/\/ TODO[^]*\n};\n$/, '  return { alpha: props.input };\n};\n'));
    const alpha = stubProject.read('src/actions/alpha.ts');
    stubProject.setManifest({ actions: ['gamma', 'delta'] });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual([]);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/actions/alpha.ts:3:14 rename-not-applied Action 'alpha' left the manifest, but its handler 'src/actions/alpha.ts' was not moved: actions 'delta' and 'gamma' were added with the same schemas as 2 actions that left, so intc cannot tell which one it became. Write `renamedFrom: alpha` on the one it became (or delete 'src/actions/alpha.ts' if 'alpha' is gone for good); no stub is created for 'delta' or 'gamma' until then.",
      "src/actions/beta.ts:3:14 rename-not-applied Action 'beta' left the manifest, but its handler 'src/actions/beta.ts' was not moved: actions 'delta' and 'gamma' were added with the same schemas as 2 actions that left, so intc cannot tell which one it became. Write `renamedFrom: beta` on the one it became (or delete 'src/actions/beta.ts' if 'beta' is gone for good); no stub is created for 'delta' or 'gamma' until then.",
    ]);
    expect(stubProject.read('src/actions/alpha.ts')).toBe(alpha);
    // Said again on the next run: the history keeps the members whose files are still there.
    expect(diagnostics(stubProject, stubProject.plan())).toHaveLength(2);

    stubProject.setManifest({ actions: ['gamma', 'delta'], renamedFrom: { gamma: 'alpha' } });
    const resolved = stubProject.generate();
    expect(summary(stubProject, resolved)).toEqual([
      'delete src/actions/alpha.ts',
      'delete src/actions/beta.ts',
      'create src/actions/delta.ts (from src/actions/beta.ts)',
      'create src/actions/gamma.ts (from src/actions/alpha.ts)',
      'update src/index.ts',
    ]);
    expect(diagnostics(stubProject, resolved)).toEqual([]);
    expect(stubProject.read('src/actions/gamma.ts')).toContain('export const gammaAction: ActionHandlers["gamma"] = async (props) => {\n  return { alpha: props.input };\n};\n');
  });

  test('the new name has a file of its own: both stay, and the warning says to merge them', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    implemented(stubProject);
    stubProject.write('src/actions/postMessage.ts', "export const postMessageAction = async () => ({ ok: true });\n");
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    const plan = stubProject.plan();
    expect(plan.files.filter((file) => file.path.includes('Message'))).toEqual([]);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/actions/sendMessage.ts:5:14 rename-not-applied Action 'sendMessage' was renamed to 'postMessage', but its handler 'src/actions/sendMessage.ts' was not moved: 'src/actions/postMessage.ts' exists already. Merge the two files by hand, then delete 'src/actions/sendMessage.ts'.",
    ]);
  });

  test('a symbolic link is not moved, and no stub is made beside it', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    implemented(stubProject);
    stubProject.write('elsewhere/send.ts', IMPLEMENTED);
    stubProject.link('src/actions/sendMessage.ts', 'elsewhere/send.ts');
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    const plan = stubProject.plan();
    expect(plan.files.filter((file) => file.path.includes('Message'))).toEqual([]);
    expect(diagnostics(stubProject, plan)[0]).toMatch(/rename-not-applied .*'src\/actions\/sendMessage\.ts' is a symbolic link, which intc does not move\. Move it to 'src\/actions\/postMessage\.ts' by hand\.$/);
  });
});

describe('a move a killed run left half done', () => {
  test('the new file written, the old one and index.ts not yet: the next run deletes the old file and re-points index.ts', () => {
    const stubProject = project(SHAPE);
    stubProject.generate();
    implemented(stubProject);
    stubProject.setManifest({ ...SHAPE, actions: ['getUser', 'postMessage'], renamedFrom: { postMessage: 'sendMessage' } });
    const plan = stubProject.plan();
    const moved = plan.files.find((file) => file.movedFrom !== undefined)!;
    stubProject.write('src/actions/postMessage.ts', moved.content); // killed right after the first write
    const completed = stubProject.generate();
    expect(summary(stubProject, completed)).toEqual(['delete src/actions/sendMessage.ts', 'update src/index.ts']);
    expect(stubProject.read('src/actions/postMessage.ts')).toBe(moved.content);
    expect(stubProject.typeErrors(SOURCES(stubProject, ['src/actions/getUser.ts', 'src/actions/postMessage.ts', 'src/channels/telegram/image.ts', 'src/channels/telegram/text.ts']))).toEqual([]);
  });
});
