/**
 * Handler stubs: the first run gives a project that passes `tsc --strict`;
 * later runs add what is new, keep every byte the user wrote, update only the
 * tool-owned import and annotation, and report handlers that left the
 * manifest instead of deleting them.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { isTsMorphLoaded } from '../packages/intc/src/stubs/load-ts-morph.js';
import { generatedTarget } from '../packages/intc/src/stubs/generated-imports.js';
import type { StubPlan } from '../packages/intc/src/stubs/plan-stubs.js';
import { stubLooksCurrent } from '../packages/intc/src/stubs/reconcile-stub.js';
import { stubLayout } from '../packages/intc/src/stubs/stub-layout.js';
import { StubProject, type ManifestShape } from './stubs/stub-project.js';

const projects: StubProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.dispose();
});

function project(shape: ManifestShape, layout: { outDir?: string } = {}): StubProject {
  const created = new StubProject(shape, layout);
  projects.push(created);
  return created;
}

const TELEGRAM: ManifestShape = { actions: ['getUser', 'sendMessage'], channels: { telegram: ['image', 'text'] } };

function summary(stubProject: StubProject, plan: StubPlan): string[] {
  return plan.files.map((file) => `${file.status} ${stubProject.rel(file.path)}`);
}

/** What a plan would change and report (its TODO list and member history aside). */
function changesOf(plan: StubPlan): Pick<StubPlan, 'files' | 'diagnostics'> {
  return { files: plan.files, diagnostics: plan.diagnostics };
}

function diagnostics(stubProject: StubProject, plan: StubPlan): string[] {
  return plan.diagnostics.map(
    (d) => `${stubProject.rel(d.location.file)}:${d.location.start.line}:${d.location.start.column} ${d.code} ${d.message}`,
  );
}

/** Every .ts file the project's type check covers. */
function sourcesOf(stubProject: StubProject, plan: StubPlan, extra: readonly string[] = []): string[] {
  return [...new Set([...plan.files.map((file) => stubProject.rel(file.path)), ...extra, 'src/generated/index.ts'])].sort();
}

const ALL_TELEGRAM_FILES = [
  'src/actions/getUser.ts',
  'src/actions/sendMessage.ts',
  'src/channels/telegram/image.ts',
  'src/channels/telegram/text.ts',
  'src/handler.ts',
  'src/index.ts',
  'src/register.ts',
  'src/unregister.ts',
];

/** True when the lines of `before` appear in `after`, in order (`after` only adds lines). */
function onlyAddsLines(before: string, after: string): boolean {
  const added = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < added.length && added[at] !== line) at++;
    if (at === added.length) return false;
    at++;
  }
  return true;
}

describe('first run', () => {
  test('gives index.ts and one stub per handler; it type-checks; a second run changes nothing; ts-morph is never loaded', () => {
    const stubProject = project(TELEGRAM);
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(ALL_TELEGRAM_FILES.map((file) => `create ${file}`));
    expect(plan.diagnostics).toEqual([]);
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan))).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    expect(isTsMorphLoaded()).toBe(false);
  });

  test('index.ts wires every handler, stubs import their generated type with `import type`', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    expect(stubProject.read('src/index.ts')).toBe(`import { Integration } from "./generated/index.js";
import { getUserAction } from "./actions/getUser.js";
import { sendMessageAction } from "./actions/sendMessage.js";
import { telegramImageMessage } from "./channels/telegram/image.js";
import { telegramTextMessage } from "./channels/telegram/text.js";
import { handler } from "./handler.js";
import { register } from "./register.js";
import { unregister } from "./unregister.js";

export default new Integration({
  register,
  unregister,
  handler,
  actions: {
    getUser: getUserAction,
    sendMessage: sendMessageAction,
  },
  channels: {
    telegram: {
      messages: {
        image: telegramImageMessage,
        text: telegramTextMessage,
      },
    },
  },
});
`);
    expect(stubProject.read('src/channels/telegram/text.ts')).toBe(`import type { MessageHandlers } from "../../generated/index.js";

export const telegramTextMessage: MessageHandlers["telegram"]["text"] = async (
  props,
) => {
  // TODO: send a message of type 'text' from channel 'telegram' to the external service.
  // props holds payload, conversation, message, user, configuration, ctx, client and logger.
  void props;
  throw new Error(
    "Sending text messages on channel telegram is not implemented yet.",
  );
};
`);
    expect(stubProject.read('src/actions/sendMessage.ts')).toContain(
      'import type { ActionHandlers } from "../generated/index.js";\n\nexport const sendMessageAction: ActionHandlers["sendMessage"] = async (\n  props,\n) => {\n  // TODO:',
    );
    expect(stubProject.read('src/register.ts')).toContain("export const register: RegisterHandler = async (props) => {\n  // TODO:");
    expect(stubProject.read('src/handler.ts')).toContain("export const handler: WebhookHandler = async (props) => {\n  // TODO:");
  });

  test('an integration without actions or channels still gets a complete implementation object', () => {
    const stubProject = project({});
    const plan = stubProject.generate();
    expect(stubProject.read('src/index.ts')).toContain('  handler,\n  actions: {},\n  channels: {},\n});\n');
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan))).toEqual([]);
  });

  test('reserved words and look-alike names as actions, channels and message types give valid code', () => {
    const shape: ManifestShape = {
      actions: ['class', 'constructor', 'delete', 'hasOwnProperty'],
      channels: { class: ['constructor', 'delete'], a: ['bText'], aB: ['text'] },
    };
    const stubProject = project(shape);
    const plan = stubProject.generate();
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan))).toEqual([]);
    const index = stubProject.read('src/index.ts');
    expect(index).toContain('    constructor: constructorAction,\n    delete: deleteAction,\n');
    expect(index).toContain('        bText: aBTextMessage,\n');
    expect(index).toContain('        text: aB_TextMessage,\n');
    // Adding more such names to an existing project wires them too.
    stubProject.setManifest({ ...shape, actions: [...shape.actions!, 'new', 'toString'], channels: { ...shape.channels, constructor: ['class'] } });
    const second = stubProject.generate();
    expect(summary(stubProject, second)).toEqual([
      'create src/actions/new.ts',
      'create src/actions/toString.ts',
      'create src/channels/constructor/class.ts',
      'update src/index.ts',
    ]);
    expect(stubProject.typeErrors(sourcesOf(stubProject, second, sourcesOf(stubProject, plan)))).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });
});

test('a name that could not be a file (validation refuses it) never becomes a path', () => {
  const stubProject = project({ actions: ['../../escape', 'fine'], channels: { 'a/b': ['text'] } });
  const plan = stubProject.plan();
  expect(summary(stubProject, plan)).toEqual([
    'create src/actions/fine.ts',
    'create src/handler.ts',
    'create src/index.ts',
    'create src/register.ts',
    'create src/unregister.ts',
  ]);
  expect(plan.diagnostics.map((d) => d.code)).toEqual(['internal-error', 'internal-error']);
});

describe('later runs keep what the user wrote', () => {
  const EDITED_ACTION = (name: string) => `// ${name}: written by hand, keep me
import type { ActionHandlers } from '../generated/index.js';
const   prefix =  "sent:"   // odd formatting on purpose

export const ${name}Action: ActionHandlers['${name}'] = async ({ input, logger }) => {
    logger.info(prefix + JSON.stringify(input))
    return { ok: true }
}
`;
  const EDITED_MESSAGE = (channel: string, type: string, exportName: string) => `import type { MessageHandlers } from '../../generated/index.js';

/** Sends a ${type}. */
export const ${exportName}: MessageHandlers['${channel}']['${type}'] = async ({ payload, ctx }) => {
  if (ctx.botId === '') return; // nothing to do
  void payload;
};
`;
  const EDITED_INDEX = `// My integration: this comment stays.
import { Integration } from './generated/index.js';
import { getUserAction } from './actions/getUser.js';
import { sendMessageAction } from './actions/sendMessage.js';
import { telegramImageMessage } from './channels/telegram/image.js';
import { telegramTextMessage } from './channels/telegram/text.js';
import { handler } from './handler.js';
import { register } from './register.js';
import { unregister } from './unregister.js';

export const VERSION = '1.0'   // extra code, no semicolon

export default new Integration({
  register, unregister,
  handler,
  actions: {
    getUser: getUserAction, // the first one
    sendMessage: sendMessageAction
  },
  channels: {
    telegram: { messages: { image: telegramImageMessage, text: telegramTextMessage } },
  },
});
`;

  function editedTelegramProject(): StubProject {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    stubProject.write('src/actions/getUser.ts', EDITED_ACTION('getUser'));
    stubProject.write('src/actions/sendMessage.ts', EDITED_ACTION('sendMessage'));
    stubProject.write('src/channels/telegram/image.ts', EDITED_MESSAGE('telegram', 'image', 'telegramImageMessage'));
    stubProject.write('src/channels/telegram/text.ts', EDITED_MESSAGE('telegram', 'text', 'telegramTextMessage'));
    stubProject.write('src/register.ts', "import type { RegisterHandler } from './generated/index.js';\n\nexport const register: RegisterHandler = async ({ webhookUrl, logger }) => { logger.info(webhookUrl) };\n");
    stubProject.write('src/unregister.ts', "import type { UnregisterHandler } from './generated/index.js'\nexport const unregister: UnregisterHandler = async () => {}\n");
    stubProject.write('src/handler.ts', "import type { WebhookHandler } from './generated/index.js';\n\n// webhook\nexport const handler: WebhookHandler = async ({ req }) => ({ status: req.body ? 200 : 400 });\n");
    stubProject.write('src/index.ts', EDITED_INDEX);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    for (const file of ALL_TELEGRAM_FILES) EDITED_CONTENT.set(file, stubProject.read(file));
    return stubProject;
  }

  const EDITED_FILES = ALL_TELEGRAM_FILES;
  /** The content editedTelegramProject gives each file. */
  const EDITED_CONTENT = new Map<string, string>();

  test('adding an action, a message type and a channel adds their stubs and wiring, and changes nothing else', () => {
    const stubProject = editedTelegramProject();
    const before = new Map(EDITED_FILES.map((file) => [file, stubProject.read(file)]));
    stubProject.setManifest({ actions: ['createUser', 'getUser', 'sendMessage'], channels: { slack: ['text'], telegram: ['image', 'text', 'video'] } });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual([
      'create src/actions/createUser.ts',
      'create src/channels/slack/text.ts',
      'create src/channels/telegram/video.ts',
      'update src/index.ts',
    ]);
    expect(plan.diagnostics).toEqual([]);
    for (const [file, text] of before) if (file !== 'src/index.ts') expect(stubProject.read(file), file).toBe(text);
    expect(stubProject.read('src/index.ts')).toBe(`// My integration: this comment stays.
import { Integration } from './generated/index.js';
import { getUserAction } from './actions/getUser.js';
import { sendMessageAction } from './actions/sendMessage.js';
import { telegramImageMessage } from './channels/telegram/image.js';
import { telegramTextMessage } from './channels/telegram/text.js';
import { handler } from './handler.js';
import { register } from './register.js';
import { unregister } from './unregister.js';
import { createUserAction } from './actions/createUser.js';
import { slackTextMessage } from './channels/slack/text.js';
import { telegramVideoMessage } from './channels/telegram/video.js';

export const VERSION = '1.0'   // extra code, no semicolon

export default new Integration({
  register, unregister,
  handler,
  actions: {
    getUser: getUserAction, // the first one
    sendMessage: sendMessageAction,
    createUser: createUserAction,
  },
  channels: {
    telegram: { messages: { image: telegramImageMessage, text: telegramTextMessage, video: telegramVideoMessage } },
    slack: {
      messages: {
        text: slackTextMessage,
      },
    },
  },
});
`);
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan, EDITED_FILES))).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('on the generated index.ts, a new handler only adds lines', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    const before = stubProject.read('src/index.ts');
    stubProject.setManifest({ actions: ['aFirst', 'getUser', 'sendMessage'], channels: { telegram: ['image', 'text'], zulip: ['text'] } });
    stubProject.generate();
    const after = stubProject.read('src/index.ts');
    expect(onlyAddsLines(before, after)).toBe(true);
    expect(after).toContain('import { unregister } from "./unregister.js";\nimport { aFirstAction } from "./actions/aFirst.js";\nimport { zulipTextMessage } from "./channels/zulip/text.js";\n');
    expect(after).toContain('    sendMessage: sendMessageAction,\n    aFirst: aFirstAction,\n  },\n');
    expect(after).toContain('    },\n    zulip: {\n      messages: {\n        text: zulipTextMessage,\n      },\n    },\n  },\n});\n');
  });

  test('a removed action, message type or channel is a warning at the stub export; nothing is changed or deleted', () => {
    const stubProject = editedTelegramProject();
    stubProject.generate();
    stubProject.setManifest({ actions: ['sendMessage'], channels: { telegram: ['text'] } });
    stubProject.write('src/channels/slack/text.ts', "import type { MessageHandlers } from '../../generated/index.js';\n\nexport const slackTextMessage: MessageHandlers['slack']['text'] = async () => {};\n");
    stubProject.write('src/actions/helpers.ts', 'export const shared = 1;\n'); // not a handler: no warning
    stubProject.write('src/actions/getUser.test.ts', 'export {};\n'); // not a handler name: no warning
    const plan = stubProject.plan();
    expect(plan.files).toEqual([]);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/actions/getUser.ts:5:14 stale-handler Action 'getUser' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
      "src/channels/slack/text.ts:3:14 stale-handler Channel 'slack' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
      "src/channels/telegram/image.ts:4:14 stale-handler Channel 'telegram' message type 'image' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
    ]);
    expect(plan.diagnostics[0]!.location.end).toEqual({ line: 5, column: 27 });
    expect(plan.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });

  test('a moved generated folder (--out) updates the tool-owned imports and nothing else', () => {
    const stubProject = editedTelegramProject();
    const before = new Map(EDITED_FILES.map((file) => [file, stubProject.read(file)]));
    stubProject.setManifest(TELEGRAM, { outDir: 'src/gen' });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(EDITED_FILES.map((file) => `update ${file}`));
    for (const [file, text] of before) {
      const oldLines = text.split('\n');
      const newLines = stubProject.read(file).split('\n');
      expect(newLines.length, file).toBe(oldLines.length);
      const changed = newLines.filter((line, index) => line !== oldLines[index]);
      expect(changed, file).toHaveLength(1);
      expect(changed[0], file).toMatch(/^import (type )?\{ \w+ \} from '(\.\.\/)*(\.\/)?gen\/index\.js';?$/);
    }
    expect(stubProject.read('src/actions/getUser.ts')).toContain("import type { ActionHandlers } from '../gen/index.js';\n");
    expect(stubProject.read('src/index.ts')).toContain("import { Integration } from './gen/index.js';\n");
    const sources = sourcesOf(stubProject, plan).filter((file) => !file.startsWith('src/generated/'));
    expect(stubProject.typeErrors([...sources, 'src/gen/index.ts'])).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('a wrong annotation or a missing type import is put back; the body stays', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    const body = ' = async ({ input }) => {\n  return { ok: Object.keys(input).length > 0 };\n};\n';
    stubProject.write('src/actions/getUser.ts', `/* header */\nexport const getUserAction: ActionHandlers['sendMessage']${body}`);
    stubProject.write('src/actions/sendMessage.ts', `import type { ActionHandlers as Handlers } from "../generated/index.js"\n\nexport const sendMessageAction: Handlers[ "sendMessage" ]${body}`);
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['update src/actions/getUser.ts']);
    expect(stubProject.read('src/actions/getUser.ts')).toBe(
      `/* header */\nimport type { ActionHandlers } from '../generated/index.js';\nexport const getUserAction: ActionHandlers['getUser']${body}`,
    );
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan, ALL_TELEGRAM_FILES))).toEqual([]);
  });

  test('force rewrites every stub and index.ts to its template', () => {
    const fresh = project(TELEGRAM);
    fresh.generate();
    const stubProject = editedTelegramProject();
    const plan = stubProject.generate(true);
    expect(summary(stubProject, plan)).toEqual(EDITED_FILES.map((file) => `update ${file}`));
    for (const file of ALL_TELEGRAM_FILES) expect(stubProject.read(file), file).toBe(fresh.read(file));
    expect(changesOf(stubProject.plan(true))).toEqual({ files: [], diagnostics: [] });
  });

  test('force by name resets only the files named (a stub, index.ts); the others keep every byte', () => {
    const fresh = project(TELEGRAM);
    fresh.generate();
    const stubProject = editedTelegramProject();
    const named = ['src/channels/telegram/text.ts', 'src/index.ts'];
    const plan = stubProject.generate(new Set(named.map((file) => stubProject.abs(file))));
    expect(summary(stubProject, plan)).toEqual(named.map((file) => `update ${file}`));
    for (const file of ALL_TELEGRAM_FILES) expect(stubProject.read(file), file).toBe(named.includes(file) ? fresh.read(file) : EDITED_CONTENT.get(file));
  });
});

describe('index.ts the tool cannot or need not wire', () => {
  test('a restructured index.ts: the new stub is created and reported as unwired, index.ts is left alone', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    const index = "import { Integration } from './generated/index.js';\nimport { implementation } from './implementation.js';\n\nexport default new Integration(implementation);\n";
    stubProject.write('src/index.ts', index);
    stubProject.setManifest({ ...TELEGRAM, actions: ['createUser', ...TELEGRAM.actions!] });
    const plan = stubProject.plan();
    expect(summary(stubProject, plan)).toEqual(['create src/actions/createUser.ts']);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/index.ts:4:16 unwired-handler Action 'createUser' has a handler in 'src/actions/createUser.ts', but intc found no `new Integration({ ... })` object to wire it into here; add it by hand.",
    ]);
  });

  test('index.ts that does not build the Integration at all: warnings at its start', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    stubProject.write('src/index.ts', "export { default } from './integration.js';\n");
    stubProject.setManifest({ ...TELEGRAM, channels: { telegram: ['image', 'text'], slack: ['text'] } });
    const plan = stubProject.plan();
    expect(summary(stubProject, plan)).toEqual(['create src/channels/slack/text.ts']);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/index.ts:1:1 unwired-handler Channel 'slack' message type 'text' has a handler in 'src/channels/slack/text.ts', but intc found no `new Integration({ ... })` object to wire it into here; add it by hand.",
    ]);
  });

  test('a hand-written index.ts at the first run is wired, not overwritten; handlers it implements inline get no stub', () => {
    const stubProject = project(TELEGRAM);
    const index = `import { Integration } from "./generated/index.js"

const implementation = {
    register: async () => {},
    unregister: async () => {},
    handler: async () => ({ status: 200 }),
    actions: {},
    channels: { telegram: { messages: {
        text: async () => {},
    } } },
}

export default new Integration(implementation)
`;
    stubProject.write('src/index.ts', index);
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual([
      'create src/actions/getUser.ts',
      'create src/actions/sendMessage.ts',
      'create src/channels/telegram/image.ts',
      'update src/index.ts',
    ]);
    expect(stubProject.read('src/index.ts')).toBe(`import { Integration } from "./generated/index.js"
import { getUserAction } from "./actions/getUser.js"
import { sendMessageAction } from "./actions/sendMessage.js"
import { telegramImageMessage } from "./channels/telegram/image.js"

const implementation = {
    register: async () => {},
    unregister: async () => {},
    handler: async () => ({ status: 200 }),
    actions: {
        getUser: getUserAction,
        sendMessage: sendMessageAction,
    },
    channels: { telegram: { messages: {
        text: async () => {},
        image: telegramImageMessage,
    } } },
}

export default new Integration(implementation)
`);
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan))).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('a deleted stub still imported by index.ts is created again; index.ts is not touched', () => {
    const stubProject = project(TELEGRAM);
    stubProject.generate();
    const template = stubProject.read('src/actions/getUser.ts');
    stubProject.remove('src/actions/getUser.ts');
    const plan = stubProject.plan();
    expect(plan.files).toEqual([{ path: stubProject.abs('src/actions/getUser.ts'), content: template, status: 'create' }]);
  });

  test('CRLF line ends, tabs and a spread keep their style; a spread hides whether a key is there, so it is reported', () => {
    const stubProject = project({ actions: ['getUser'] });
    const index = [
      "import { Integration } from './generated/index.js'",
      "import { getUserAction } from './actions/getUser.js'",
      "import { others } from './others.js'",
      '',
      'export default new Integration({',
      '\t...others,',
      '\tactions: {',
      '\t\tgetUser: getUserAction,',
      '\t},',
      '})',
      '',
    ].join('\r\n');
    stubProject.write('src/index.ts', index);
    stubProject.setManifest({ actions: ['getUser', 'sendMessage'] });
    const plan = stubProject.plan();
    expect(diagnostics(stubProject, plan).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'src/index.ts:5:16 unwired-handler',
      'src/index.ts:5:16 unwired-handler',
      'src/index.ts:5:16 unwired-handler',
    ]);
    const index2 = index.replace('\t...others,\r\n', '\tregister, unregister, handler,\r\n');
    stubProject.write('src/index.ts', index2);
    const second = stubProject.plan();
    expect(second.diagnostics).toEqual([]);
    const written = second.files.find((file) => file.path.endsWith('index.ts'))!.content;
    expect(written).toBe(
      index2
        .replace("others.js'\r\n", "others.js'\r\nimport { sendMessageAction } from './actions/sendMessage.js'\r\n")
        .replace('\t\tgetUser: getUserAction,\r\n', '\t\tgetUser: getUserAction,\r\n\t\tsendMessage: sendMessageAction,\r\n'),
    );
  });
});

describe('index.ts written in other shapes', () => {
  const IMPORTS = "import { Integration as Impl } from './generated/index.js';\nimport { getUserAction } from './actions/getUser.js';\n";
  const cases: [string, string, string][] = [
    [
      'one line, trailing comment after a comma',
      'export default new Impl({ register: async () => {}, unregister: async () => {}, handler: async () => {}, actions: { getUser: getUserAction /* , */ , }, channels: {} });\n',
      'export default new Impl({ register: async () => {}, unregister: async () => {}, handler: async () => {}, actions: { getUser: getUserAction /* , */ , sendMessage: sendMessageAction, }, channels: { telegram: { messages: { text: telegramTextMessage } } } });\n',
    ],
    [
      'a const with satisfies, exported later; quoted and computed keys',
      "const integration = new Impl(({\n  'register': async () => {},\n  ['unregister']: async () => {},\n  handler: async () => {},\n  \"actions\": { getUser: getUserAction } satisfies object,\n  channels: { 'telegram': { messages: {} } },\n}));\nexport default integration;\n",
      "const integration = new Impl(({\n  'register': async () => {},\n  ['unregister']: async () => {},\n  handler: async () => {},\n  \"actions\": { getUser: getUserAction, sendMessage: sendMessageAction } satisfies object,\n  channels: { 'telegram': { messages: { text: telegramTextMessage } } },\n}));\nexport default integration;\n",
    ],
  ];
  test.each(cases)('%s', (_, body, expected) => {
    const stubProject = project({ actions: ['getUser'] });
    stubProject.generate();
    stubProject.write('src/index.ts', IMPORTS + '\n' + body);
    stubProject.setManifest({ actions: ['getUser', 'sendMessage'], channels: { telegram: ['text'] } });
    const plan = stubProject.generate();
    expect(plan.diagnostics).toEqual([]);
    expect(stubProject.read('src/index.ts')).toBe(
      IMPORTS + "import { sendMessageAction } from './actions/sendMessage.js';\nimport { telegramTextMessage } from './channels/telegram/text.js';\n\n" + expected,
    );
    expect(stubProject.typeErrors(sourcesOf(stubProject, plan, ['src/actions/getUser.ts', 'src/index.ts']))).toEqual([]);
  });
});

describe('what the user wrote stays theirs; only the tool-owned form is kept in step', () => {
  /** A generated project whose files are then replaced by `files`. */
  function projectWith(shape: ManifestShape, files: Record<string, string>): StubProject {
    const stubProject = project(shape);
    stubProject.generate();
    for (const [file, text] of Object.entries(files)) stubProject.write(file, text);
    return stubProject;
  }

  test('a qualified annotation through a namespace import is tool-owned: the import is re-pointed in place, none is added', () => {
    const text = `import type * as G from '../../generated/index.js';

export const telegramTextMessage: G.MessageHandlers['telegram']['text'] = async ({ payload }) => {
  void payload;
};
`;
    const stubProject = projectWith(TELEGRAM, { 'src/channels/telegram/text.ts': text });
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    stubProject.setManifest(TELEGRAM, { outDir: 'gen' });
    stubProject.generate();
    expect(stubProject.read('src/channels/telegram/text.ts')).toBe(text.replace("'../../generated/index.js'", "'../../../gen/index.js'"));
    expect(stubProject.typeErrors([...ALL_TELEGRAM_FILES, 'gen/index.ts'])).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('a wrong handler in a namespace-qualified annotation is put right, the namespace kept', () => {
    const stubProject = projectWith(TELEGRAM, {
      'src/channels/telegram/text.ts': "import type * as G from '../../generated/index.js';\n\nexport const telegramTextMessage: G.MessageHandlers['telegram']['image'] = async () => {};\n",
    });
    stubProject.generate();
    expect(stubProject.read('src/channels/telegram/text.ts')).toContain("export const telegramTextMessage: G.MessageHandlers['telegram']['text'] = async");
    expect(stubProject.read('src/channels/telegram/text.ts')).not.toContain('import type { MessageHandlers }');
  });

  test('`satisfies`, `as` and typed parameters count as typed: such an export is left alone', () => {
    const files = {
      'src/actions/getUser.ts': "import type { ActionHandlers } from '../generated/index.js';\n\nexport const getUserAction = (async () => ({ ok: true })) satisfies ActionHandlers['getUser'];\n",
      'src/actions/sendMessage.ts': "import type { ActionHandlers } from '../generated/index.js';\n\nexport const sendMessageAction = (async () => ({ ok: true })) as ActionHandlers['sendMessage'];\n",
      'src/channels/telegram/text.ts':
        "import type { MessageProps } from '../../generated/index.js';\n\nexport const telegramTextMessage = async ({ payload }: MessageProps): Promise<void> => {\n  void payload;\n};\n",
      'src/channels/telegram/image.ts': 'export const telegramImageMessage = async (): Promise<void> => {};\n',
    };
    const stubProject = projectWith(TELEGRAM, files);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    expect(stubProject.typeErrors(ALL_TELEGRAM_FILES)).toEqual([]);
  });

  test('the text check alone clears what the user owns (no parse), and sends the tool-owned forms that need a fix to the parser', () => {
    const stubProject = project(TELEGRAM);
    const stub = stubLayout(stubProject.model, stubProject.layout).handlers.find((handler) => handler.exportName === 'getUserAction')!;
    const target = generatedTarget(stubProject.layout.generatedDir, () => undefined);
    const looksCurrent = (text: string) => stubLooksCurrent(text, stub, target);
    const IMPORT = "import type { ActionHandlers } from '../generated/index.js';\n";
    for (const text of [
      IMPORT + "export const getUserAction: ActionHandlers['getUser'] = async () => ({ ok: true });\n",
      "import type { ActionHandlers as H } from '../generated';\nexport const getUserAction: H[\"getUser\"] = async () => ({ ok: true });\n",
      "import type * as G from '../generated/index.js';\nexport const getUserAction: G.ActionHandlers['getUser'] = async () => ({ ok: true });\n",
      IMPORT + "export const getUserAction = (async () => ({ ok: true })) satisfies ActionHandlers['getUser'];\n",
      "import type { ActionProps } from '../generated/index.js';\nexport const getUserAction = async ({ input }: ActionProps<'getUser'>): Promise<{ ok: boolean }> => ({ ok: !!input });\n",
      "import type { ActionHandlers } from '../my-types.js';\nexport const getUserAction: ActionHandlers['other'] = async () => ({ ok: true });\n",
      "type ActionHandlers = { x: () => Promise<void> };\nexport const getUserAction: ActionHandlers['x'] = async () => {};\n",
      "export const getUserAction: (props: unknown) => Promise<unknown> = async () => ({});\n",
    ]) {
      expect(looksCurrent(text), text).toBe(true);
    }
    for (const text of [
      IMPORT + "export const getUserAction: ActionHandlers['sendMessage'] = async () => ({ ok: true });\n",
      "import type * as G from '../generated/index.js';\nexport const getUserAction: G.ActionHandlers['sendMessage'] = async () => ({ ok: true });\n",
      "export const getUserAction: ActionHandlers['getUser'] = async () => ({ ok: true });\n",
    ]) {
      expect(looksCurrent(text), text).toBe(false);
    }
  });

  test('a moved generated folder re-points every import of its index in stubs and index.ts, each in its own style', () => {
    const files = {
      // annotation-free, the generated names imported three ways (bundler style)
      'src/actions/getUser.ts':
        "import type { ActionProps } from '../generated';\nimport type { CommonProps } from '../generated/index';\n\nexport const getUserAction = async ({ input }: ActionProps & CommonProps) => ({ ok: Object.keys(input).length > 0 });\n",
      // no generated-only name: index.ts tells where the generated folder was
      'src/actions/sendMessage.ts':
        "import type { CommonProps } from \"../generated/index.js\";\n\nexport const sendMessageAction = async (props: CommonProps) => ({ ok: props.ctx.botId !== '' });\n",
      'src/index.ts': stubProjectIndex().replace('import { Integration } from "./generated/index.js";', "import { Integration } from './generated';\nimport type { ActionHandlers } from './generated/index.ts';\nexport type Handlers = ActionHandlers;"),
    };
    const stubProject = projectWith(TELEGRAM, files);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    stubProject.setManifest(TELEGRAM, { outDir: 'src/gen' });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(ALL_TELEGRAM_FILES.map((file) => `update ${file}`));
    expect(stubProject.read('src/actions/getUser.ts')).toBe(files['src/actions/getUser.ts'].replace("'../generated'", "'../gen'").replace("'../generated/index'", "'../gen/index'"));
    expect(stubProject.read('src/actions/sendMessage.ts')).toBe(files['src/actions/sendMessage.ts'].replace('"../generated/index.js"', '"../gen/index.js"'));
    expect(stubProject.read('src/index.ts')).toBe(files['src/index.ts'].replace("'./generated'", "'./gen'").replace("'./generated/index.ts'", "'./gen/index.ts'"));
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('a bundler-style specifier that still leads to the generated index keeps its style', () => {
    const stubProject = projectWith(TELEGRAM, {
      'src/channels/telegram/text.ts':
        "import type { MessageHandlers } from '../../generated';\n\nexport const telegramTextMessage: MessageHandlers['telegram']['image'] = async () => {};\n",
      'src/channels/telegram/image.ts': "import type { MessageProps } from '../../generated'\n\nexport const telegramImageMessage: MessageHandlers['telegram']['image'] = async (props: MessageProps) => { void props }\n",
      'src/actions/getUser.ts': "import type { ActionHandlers } from '../generated/index';\n\nexport const getUserAction: ActionHandlers['getUser'] = async () => ({ ok: true });\n",
      'src/index.ts': stubProjectIndex().replace('"./generated/index.js"', '"./generated"'),
    });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['update src/channels/telegram/image.ts', 'update src/channels/telegram/text.ts']);
    expect(stubProject.read('src/channels/telegram/text.ts')).toBe(
      "import type { MessageHandlers } from '../../generated';\n\nexport const telegramTextMessage: MessageHandlers['telegram']['text'] = async () => {};\n",
    );
    expect(stubProject.read('src/channels/telegram/image.ts')).toBe(
      "import type { MessageHandlers } from '../../generated'\nimport type { MessageProps } from '../../generated'\n\nexport const telegramImageMessage: MessageHandlers['telegram']['image'] = async (props: MessageProps) => { void props }\n",
    );
    expect(stubProject.typeErrors(ALL_TELEGRAM_FILES, 'bundler')).toEqual([]);
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
  });

  test('a type of the same name that is not the generated one is the user\'s', () => {
    const text = "import type { ActionHandlers } from '../my-types.js';\n\nexport const getUserAction: ActionHandlers['other'] = async () => ({ ok: true });\n";
    const local = "type ActionHandlers = { x: () => Promise<{ ok: boolean }> };\n\nexport const sendMessageAction: ActionHandlers['x'] = async () => ({ ok: true });\n";
    const stubProject = projectWith(TELEGRAM, { 'src/actions/getUser.ts': text, 'src/actions/sendMessage.ts': local });
    expect(stubProject.plan().files).toEqual([]);
  });

  test('a handler moved to a file of another name is not stale; when its action leaves the manifest, the warning names the action', () => {
    const shape = { actions: ['doThing'] };
    const stubProject = projectWith(shape, {
      'src/actions/moved.ts': "import type { ActionHandlers } from '../generated/index.js';\n\nexport const movedAction: ActionHandlers['doThing'] = async () => ({ ok: true });\n",
      'src/actions/props.ts': "import type { ActionProps } from '../generated/index.js';\n\nexport const propsAction = async (props: ActionProps<'doThing'>) => props;\n",
      'src/index.ts': stubProjectIndex(shape).replace('import { doThingAction } from "./actions/doThing.js";', 'import { movedAction } from "./actions/moved.js";').replace('doThing: doThingAction', 'doThing: movedAction'),
    });
    stubProject.remove('src/actions/doThing.ts');
    expect(changesOf(stubProject.plan())).toEqual({ files: [], diagnostics: [] });
    stubProject.setManifest({ actions: ['other'] });
    const plan = stubProject.plan();
    expect(diagnostics(stubProject, plan).filter((line) => line.includes('stale-handler'))).toEqual([
      "src/actions/moved.ts:3:14 stale-handler Action 'doThing' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
      "src/actions/props.ts:3:14 stale-handler Action 'doThing' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
    ]);
  });

  test('a moved message handler is not stale either', () => {
    const stubProject = projectWith(TELEGRAM, {
      'src/channels/telegram/oldText.ts': "import type { MessageHandlers } from '../../generated/index.js';\n\nexport const oldText: MessageHandlers['telegram']['text'] = async () => {};\n",
      'src/channels/gone/text.ts': "import type { MessageHandlers } from '../../generated/index.js';\n\nexport const goneText: MessageHandlers['gone']['text'] = async () => {};\n",
    });
    expect(diagnostics(stubProject, stubProject.plan())).toEqual([
      "src/channels/gone/text.ts:3:14 stale-handler Channel 'gone' is no longer in the manifest; its handler was kept. Delete the file and its wiring when you no longer need it.",
    ]);
  });

  test('a handler index.ts cannot wire is reported on every run, with a message that fits', () => {
    const stubProject = project({ actions: ['getUser'] });
    stubProject.generate();
    // index.ts names no action handler: `mk()` builds them (intc cannot see how).
    const index = stubProjectIndex({ actions: ['getUser'] }).replace(/actions: \{[^}]*\}/, 'actions: mk()').replace(/^import \{ getUserAction \}.*\n/m, '');
    stubProject.write('src/index.ts', index + 'declare function mk(): never;\n');
    stubProject.setManifest({ actions: ['getUser', 'sendMessage'] });
    const expected = [
      "src/index.ts:6:16 unwired-handler Action 'getUser' has a handler in 'src/actions/getUser.ts', but `actions` in the `new Integration({ ... })` object is not an object literal intc can add to; add it by hand.",
      "src/index.ts:6:16 unwired-handler Action 'sendMessage' has a handler in 'src/actions/sendMessage.ts', but `actions` in the `new Integration({ ... })` object is not an object literal intc can add to; add it by hand.",
    ];
    const first = stubProject.generate();
    expect(summary(stubProject, first)).toEqual(['create src/actions/sendMessage.ts']);
    expect(diagnostics(stubProject, first)).toEqual(expected);
    expect(diagnostics(stubProject, stubProject.plan())).toEqual(expected);
    expect(stubProject.plan().files).toEqual([]);
  });

  test('a symbolic link is never edited: a linked stub is left as it is, a linked index.ts is not wired and says so', () => {
    const stubProject = projectWith(TELEGRAM, {
      'shared/getUser.ts': "import type { ActionHandlers } from '../packages/intc/src/generated/index.js';\n\nexport const getUserAction: ActionHandlers['sendMessage'] = async () => ({ ok: true });\n",
      'shared/index.ts': stubProjectIndex(),
    });
    stubProject.link('src/actions/getUser.ts', 'shared/getUser.ts');
    stubProject.link('src/index.ts', 'shared/index.ts');
    stubProject.setManifest({ ...TELEGRAM, actions: ['createUser', ...TELEGRAM.actions!] });
    const plan = stubProject.generate();
    expect(summary(stubProject, plan)).toEqual(['create src/actions/createUser.ts']);
    expect(diagnostics(stubProject, plan)).toEqual([
      "src/index.ts:10:16 unwired-handler Action 'createUser' has a handler in 'src/actions/createUser.ts', but 'src/index.ts' is a symbolic link, which intc does not edit; add it by hand.",
    ]);
    expect(stubProject.isLink('src/actions/getUser.ts') && stubProject.isLink('src/index.ts')).toBe(true);
  });
});

/** The index.ts the first run writes for `shape` (TELEGRAM by default). */
function stubProjectIndex(shape: ManifestShape = TELEGRAM): string {
  const fresh = new StubProject(shape);
  try {
    fresh.generate();
    return fresh.read('src/index.ts');
  } finally {
    fresh.dispose();
  }
}

describe('speed', () => {
  test('1000 actions: first run, a run with nothing to do, a run adding one action', () => {
    const names = Array.from({ length: 1000 }, (_, index) => `action${String(index).padStart(4, '0')}`);
    const stubProject = project({ actions: names, channels: { telegram: ['text'] } });
    let started = performance.now();
    const first = stubProject.plan();
    const firstMs = performance.now() - started;
    expect(first.files).toHaveLength(1005);
    stubProject.apply(first);
    started = performance.now();
    expect(stubProject.plan().files).toEqual([]);
    const noopMs = performance.now() - started;
    stubProject.setManifest({ actions: [...names, 'zLast'], channels: { telegram: ['text'] } });
    started = performance.now();
    const added = stubProject.plan();
    const addMs = performance.now() - started;
    stubProject.apply(added);
    expect(summary(stubProject, added)).toEqual(['create src/actions/zLast.ts', 'update src/index.ts']);
    expect(stubProject.read('src/index.ts')).toContain('    action0999: action0999Action,\n    zLast: zLastAction,\n  },\n');
    // Generous bounds (CI machines vary); the figures themselves are printed for the report.
    console.log(`stubs, 1000 actions: first ${firstMs.toFixed(0)} ms, nothing to do ${noopMs.toFixed(0)} ms, one added ${addMs.toFixed(0)} ms`);
    expect(firstMs).toBeLessThan(2000);
    expect(noopMs).toBeLessThan(1000);
    expect(addMs).toBeLessThan(5000);
  });
});
