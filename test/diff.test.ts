/**
 * `intc diff`: every change code in a table test (old and new manifests
 * written inline, positions marked `{@name}` in the YAML and asserted as
 * code + severity + file:line:col), the required bump, entity refs judged
 * by each use's direction, interface-applied members located in the
 * interface file, no change for key order and YAML style, git revisions as
 * sides, --check-version, and the json and github formats.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../packages/intc/src/cli/io.js';
import { main } from '../packages/intc/src/cli/main.js';
import { changeCodes } from '../packages/intc/src/diff/change-codes.js';
import { diffSides } from '../packages/intc/src/diff/diff-sides.js';
import { loadSide, type DiffSide } from '../packages/intc/src/diff/load-side.js';
import { nextVersion, parseVersion, requiredBump } from '../packages/intc/src/diff/semver-bump.js';

const base = mkdtempSync(join(tmpdir(), 'intc-diff-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

// --- helpers ------------------------------------------------------------------------------------------

/** `{@name}` marks a position in a file: removed from the text, remembered as line:col. */
function unmark(text: string, file: string, marks: Map<string, string>): string {
  const lines = text.split('\n');
  return lines
    .map((line, index) => {
      let out = '';
      let rest = line;
      for (let match = /\{@(\w+)\}/.exec(rest); match; match = /\{@(\w+)\}/.exec(rest)) {
        out += rest.slice(0, match.index);
        marks.set(`${file}:${index + 1}:${out.length + 1}`, `${file}@${match[1]}`);
        rest = rest.slice(match.index + match[0].length);
      }
      return out + rest;
    })
    .join('\n');
}

type Files = Record<string, string>;

let caseCounter = 0;
/** Writes `old/…` and `new/…` files into a fresh folder; returns it and the marks (`file:line:col` → `file@name`). */
function writeCase(files: Files): { dir: string; marks: Map<string, string> } {
  const dir = join(base, `case-${++caseCounter}`);
  const marks = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), unmark(text, path, marks));
  }
  return { dir, marks };
}

/** `file@name` → [file, line, column]. */
function position(marks: Map<string, string>, mark: string): [string, number, number] {
  const place = [...marks].find(([, name]) => name === mark)?.[0];
  if (!place) throw new Error(`no mark ${mark}`);
  const [, file, line, column] = /^(.*):(\d+):(\d+)$/.exec(place)!;
  return [file!, Number(line), Number(column)];
}

function load(arg: string, cwd: string): DiffSide {
  const loaded = loadSide(arg, { cwd });
  if (!loaded.ok) throw new Error(`${arg} has errors:\n${loaded.diagnostics.map((d) => `${d.location.file}:${d.location.start.line} ${d.code} ${d.message}`).join('\n')}`);
  return loaded.side;
}

/** `code severity file@mark` per change (or file:line:col where nothing is marked), and the bump. */
function compare(files: Files): { changes: string[]; bump: string; next: string } {
  const { dir, marks } = writeCase(files);
  const report = diffSides(load('old', dir), load('new', dir));
  const changes = report.changes.map((c) => {
    const place = `${c.file}:${c.line}:${c.column}`;
    return `${c.code} ${c.severity} ${marks.get(place) ?? place}`;
  });
  return { changes, bump: report.bump, next: report.nextVersion };
}

const HEAD = 'name: acme\nversion: 1.2.3\ntitle: Acme\ndescription: Acme does things.\n';

/** A manifest: the head, then `body` (YAML at the top level). */
const m = (body: string) => `${HEAD}${body}`;

/** An action `ping` whose input and output schemas are the given flow-style YAML. */
const action = (input: string, output = '{ type: object }', extra = '') =>
  m(`actions:\n  ping:\n    description: Ping.${extra}\n    input:\n      schema: ${input}\n    output:\n      schema: ${output}\n`);

const event = (schema: string) => m(`events:\n  pinged:\n    description: Pinged.\n    schema: ${schema}\n`);

const channel = (messages: string, extra = '') => m(`channels:\n  dm:\n    description: Direct messages.\n    messages:\n${messages}${extra}`);

interface Case {
  readonly old: string;
  readonly new: string;
  readonly want: readonly string[];
  readonly bump: 'major' | 'minor' | 'patch' | 'none';
}

// Positions: removals at the old file's key, everything else in the new file.
const cases: [string, Case][] = [
  // --- members ---
  [
    'integration renamed',
    { old: HEAD, new: HEAD.replace('name: acme', 'name: {@n}acme-two'), want: ['integration-renamed breaking new/integration.yaml@n'], bump: 'major' },
  ],
  [
    'action removed',
    { old: m('actions:\n  {@a}ping:\n    description: Ping.\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n'), new: HEAD, want: ['action-removed breaking old/integration.yaml@a'], bump: 'major' },
  ],
  [
    'action added',
    { old: HEAD, new: m('actions:\n  {@a}ping:\n    description: Ping.\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n'), want: ['action-added feature new/integration.yaml@a'], bump: 'minor' },
  ],
  [
    'event removed and added',
    {
      old: m('events:\n  {@o}pinged:\n    description: P.\n    schema: { type: object }\n'),
      new: m('events:\n  {@n}ponged:\n    description: P.\n    schema: { type: object }\n'),
      want: ['event-removed breaking old/integration.yaml@o', 'event-added feature new/integration.yaml@n'],
      bump: 'major',
    },
  ],
  [
    'channel removed and added',
    {
      old: m('channels:\n  {@o}dm:\n    description: D.\n    messages: { text: { schema: { type: object } } }\n'),
      new: m('channels:\n  {@n}group:\n    description: G.\n    messages: { text: { schema: { type: object } } }\n'),
      want: ['channel-removed breaking old/integration.yaml@o', 'channel-added feature new/integration.yaml@n'],
      bump: 'major',
    },
  ],
  [
    'message type removed and added',
    {
      old: channel('      {@o}text: { schema: { type: object } }\n'),
      new: channel('      {@n}image: { schema: { type: object } }\n'),
      want: ['message-type-removed breaking old/integration.yaml@o', 'message-type-added feature new/integration.yaml@n'],
      bump: 'major',
    },
  ],
  [
    'state removed, added, scope changed',
    {
      old: m('states:\n  {@o}cursor: { type: integration, schema: { type: object } }\n  seen: { type: user, schema: { type: object } }\n'),
      new: m('states:\n  {@n}offset: { type: integration, schema: { type: object } }\n  seen: { type: {@s}conversation, schema: { type: object } }\n'),
      want: ['state-removed breaking old/integration.yaml@o', 'state-added feature new/integration.yaml@n', 'state-scope-changed breaking new/integration.yaml@s'],
      bump: 'major',
    },
  ],
  [
    'entity removed and added',
    {
      old: m('entities:\n  {@o}ticket: { schema: { type: object } }\n'),
      new: m('entities:\n  {@n}issue: { schema: { type: object } }\n'),
      want: ['entity-removed breaking old/integration.yaml@o', 'entity-added feature new/integration.yaml@n'],
      bump: 'major',
    },
  ],
  [
    'default configuration removed',
    { old: m('{@c}configuration: { schema: { type: object } }\n'), new: HEAD, want: ['configuration-removed breaking old/integration.yaml@c'], bump: 'major' },
  ],
  [
    'default configuration added, nothing required',
    { old: HEAD, new: m('{@c}configuration: { schema: { type: object, properties: { a: { type: string } } } }\n'), want: ['configuration-added feature new/integration.yaml@c'], bump: 'minor' },
  ],
  [
    'default configuration added with a required property',
    {
      old: HEAD,
      new: m('{@c}configuration: { schema: { type: object, properties: { apiKey: { type: string } }, required: [apiKey] } }\n'),
      want: ['required-configuration-added breaking new/integration.yaml@c'],
      bump: 'major',
    },
  ],
  [
    'named configurations removed and added',
    {
      old: m('configurations:\n  {@o}oauth: { schema: { type: object } }\n'),
      new: m('configurations:\n  {@n}manual: { schema: { type: object, properties: { k: { type: string } }, required: [k] } }\n'),
      want: ['configuration-removed breaking old/integration.yaml@o', 'configuration-added feature new/integration.yaml@n'],
      bump: 'major',
    },
  ],
  [
    'user, conversation and message tags removed and added',
    {
      old: channel('      text: { schema: { type: object } }\n', '    conversation: { tags: { {@c}thread: {} } }\n    message: { tags: { {@m}ts: {} } }\n') + 'user:\n  tags:\n    {@u}email: {}\n',
      new: channel('      text: { schema: { type: object } }\n', '    conversation: { tags: { {@c2}thread: {}, {@c3}topic: {} } }\n    message: { tags: { {@m2}id: {} } }\n') + 'user:\n  tags:\n    {@u2}phone: {}\n',
      want: [
        'tag-removed breaking old/integration.yaml@m',
        'tag-removed breaking old/integration.yaml@u',
        'tag-added feature new/integration.yaml@c3',
        'tag-added feature new/integration.yaml@m2',
        'tag-added feature new/integration.yaml@u2',
      ],
      bump: 'major',
    },
  ],
  [
    'secrets: optional added, required added, removed',
    {
      old: m('secrets:\n  {@o}OLD_KEY: {}\n'),
      new: m('secrets:\n  {@a}SENTRY_DSN: { optional: true }\n  {@r}API_KEY: {}\n'),
      want: ['secret-added feature new/integration.yaml@a', 'required-secret-added breaking new/integration.yaml@r', 'secret-removed feature old/integration.yaml@o'],
      bump: 'major',
    },
  ],
  [
    'secrets made required and optional',
    {
      old: m('secrets:\n  A_KEY: { optional: true }\n  B_KEY: {}\n'),
      new: m('secrets:\n  {@a}A_KEY: {}\n  B_KEY: { optional: {@b}true }\n'),
      want: ['secret-made-required breaking new/integration.yaml@a', 'secret-made-optional feature new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'billable and cacheable changed',
    {
      old: action('{ type: object }', '{ type: object }', '\n    cacheable: true'),
      new: action('{ type: object }', '{ type: object }', '\n    billable: {@b}true\n    cacheable: {@c}false'),
      want: ['action-billable-changed feature new/integration.yaml@b', 'action-cacheable-changed feature new/integration.yaml@c'],
      bump: 'minor',
    },
  ],
  [
    'identifier changed',
    {
      old: m('identifier:\n  extractScript: ".userId = .body.user"\n'),
      new: m('{@i}identifier:\n  extractScript: ".userId = .body.from"\n'),
      want: ['identifier-changed feature new/integration.yaml@i'],
      bump: 'minor',
    },
  ],

  // --- inputs (action input) ---
  [
    'input: required property added, optional property added',
    {
      old: action('{ type: object, properties: { a: { type: string } } }'),
      new: action('{ type: object, properties: { a: { type: string }, {@b}b: { type: string }, {@c}c: { type: string } }, required: [b] }'),
      want: ['input-required-property-added breaking new/integration.yaml@b', 'input-optional-property-added feature new/integration.yaml@c'],
      bump: 'major',
    },
  ],
  [
    'input: property removed',
    {
      old: action('{ type: object, properties: { {@a}a: { type: string } } }'),
      new: action('{ type: object, properties: {} }'),
      want: ['input-property-removed breaking old/integration.yaml@a'],
      bump: 'major',
    },
  ],
  [
    'input: made required, made optional',
    {
      old: action('{ type: object, properties: { a: { type: string }, b: { type: string } }, required: [a] }'),
      new: action('{ type: object, properties: { {@a}a: { type: string }, {@b}b: { type: string } }, required: [b] }'),
      want: ['input-property-made-optional feature new/integration.yaml@a', 'input-property-made-required breaking new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'input: type narrowed and widened',
    {
      old: action('{ type: object, properties: { a: { type: [string, number] }, b: { type: integer } } }'),
      new: action('{ type: object, properties: { a: { type: {@a}string }, b: { type: {@b}number } } }'),
      want: ['input-type-narrowed breaking new/integration.yaml@a', 'input-type-widened feature new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'input: enum value removed and added',
    {
      old: action('{ type: object, properties: { mode: { type: string, enum: [fast, slow] } } }'),
      new: action('{ type: object, properties: { mode: { type: string, enum: {@e}[fast, safe] } } }'),
      want: ['input-enum-value-removed breaking new/integration.yaml@e', 'input-enum-value-added feature new/integration.yaml@e'],
      bump: 'major',
    },
  ],
  [
    'input: constraints tightened (minLength up, maximum down, pattern added, object closed)',
    {
      old: action('{ type: object, properties: { s: { type: string, minLength: 1 }, n: { type: number, maximum: 10 } } }'),
      new: action('{ type: object, properties: { s: { type: string, minLength: {@l}3, pattern: {@p}"^a" }, n: { type: number, maximum: {@x}5 } }, additionalProperties: {@c}false }'),
      want: [
        'input-constraint-tightened breaking new/integration.yaml@c',
        'input-constraint-tightened breaking new/integration.yaml@l',
        'input-constraint-tightened breaking new/integration.yaml@p',
        'input-constraint-tightened breaking new/integration.yaml@x',
      ],
      bump: 'major',
    },
  ],
  [
    'input: constraints loosened',
    {
      old: action('{ type: object, properties: { s: { type: string, maxLength: 10, format: email } } }'),
      new: action('{ type: object, properties: { {@s}s: { type: string, maxLength: {@l}20 } } }'),
      want: ['input-constraint-loosened feature new/integration.yaml@l', 'input-constraint-loosened feature new/integration.yaml@s'],
      bump: 'minor',
    },
  ],
  [
    'input: a change intc cannot judge (pattern replaced)',
    {
      old: action('{ type: object, properties: { s: { type: string, pattern: "^a" } } }'),
      new: action('{ type: object, properties: { s: { type: string, pattern: {@p}"^b" } } }'),
      want: ['input-schema-changed breaking new/integration.yaml@p'],
      bump: 'major',
    },
  ],

  // --- outputs (action output, events) ---
  [
    'output: property removed, property added',
    {
      old: action('{ type: object }', '{ type: object, properties: { {@a}a: { type: string } } }'),
      new: action('{ type: object }', '{ type: object, properties: { {@b}b: { type: string } } }'),
      want: ['output-property-removed breaking old/integration.yaml@a', 'output-property-added feature new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'output: required made optional, optional made required',
    {
      old: action('{ type: object }', '{ type: object, properties: { a: { type: string }, b: { type: string } }, required: [a] }'),
      new: action('{ type: object }', '{ type: object, properties: { {@a}a: { type: string }, {@b}b: { type: string } }, required: [b] }'),
      want: ['output-property-made-optional breaking new/integration.yaml@a', 'output-property-made-required feature new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'event: type widened and narrowed',
    {
      old: event('{ type: object, properties: { a: { type: string }, b: { type: [string, "null"] } } }'),
      new: event('{ type: object, properties: { a: { type: {@a}[string, "null"] }, b: { type: {@b}string } } }'),
      want: ['output-type-widened breaking new/integration.yaml@a', 'output-type-narrowed feature new/integration.yaml@b'],
      bump: 'major',
    },
  ],
  [
    'event: enum value added and removed',
    {
      old: event('{ type: object, properties: { s: { enum: [open, closed] } } }'),
      new: event('{ type: object, properties: { s: { enum: {@e}[open, merged] } } }'),
      want: ['output-enum-value-added breaking new/integration.yaml@e', 'output-enum-value-removed feature new/integration.yaml@e'],
      bump: 'major',
    },
  ],
  [
    'event: constraints loosened and tightened',
    {
      old: event('{ type: object, properties: { s: { type: string, maxLength: 10 }, n: { type: integer, minimum: 0 } } }'),
      new: event('{ type: object, properties: { s: { type: string, maxLength: {@l}20 }, n: { type: integer, minimum: {@t}1 } } }'),
      want: ['output-constraint-loosened breaking new/integration.yaml@l', 'output-constraint-tightened feature new/integration.yaml@t'],
      bump: 'major',
    },
  ],
  [
    'event: a change intc cannot judge (not added)',
    {
      old: event('{ type: object, properties: { s: { type: string } } }'),
      new: event('{ type: object, properties: { s: { type: string, not: {@n}{ const: x } } } }'),
      want: ['output-schema-changed breaking new/integration.yaml@n'],
      bump: 'major',
    },
  ],

  [
    'anyOf: a branch removed narrows an input (shown at the old branch), a branch added widens an output',
    {
      old: action('{ type: object, properties: { id: { anyOf: [{ type: string }, {@b}{ type: integer }] } } }', '{ type: object, properties: { v: { anyOf: [{ type: string }] } } }'),
      new: action('{ type: object, properties: { id: { anyOf: [{ type: string }] } } }', '{ type: object, properties: { v: { anyOf: [{ type: string }, {@n}{ type: boolean }] } } }'),
      want: ['input-type-narrowed breaking old/integration.yaml@b', 'output-type-widened breaking new/integration.yaml@n'],
      bump: 'major',
    },
  ],

  // --- both directions: message payloads; inputs of installers: configuration; stored values: states ---
  [
    'message payload: an optional property added is a feature both ways; a value added breaks readers',
    {
      old: channel('      text: { schema: { type: object, properties: { kind: { enum: [a] } } } }\n'),
      new: channel('      text: { schema: { type: object, properties: { kind: { enum: {@e}[a, b] }, {@p}extra: { type: string } } } }\n'),
      want: ['input-optional-property-added feature new/integration.yaml@p', 'output-enum-value-added breaking new/integration.yaml@e'],
      bump: 'major',
    },
  ],
  [
    'configuration: a new required property breaks installations',
    {
      old: m('configuration:\n  schema: { type: object, properties: { a: { type: string } } }\n'),
      new: m('configuration:\n  schema: { type: object, properties: { a: { type: string }, {@k}apiKey: { type: string } }, required: [apiKey] }\n'),
      want: ['input-required-property-added breaking new/integration.yaml@k'],
      bump: 'major',
    },
  ],
  [
    'state: values the old version stored must still be valid',
    {
      old: m('states:\n  cursor: { type: integration, schema: { type: object, properties: { at: { type: number } } } }\n'),
      new: m('states:\n  cursor: { type: integration, schema: { type: object, properties: { at: { type: {@t}integer } } } }\n'),
      want: ['input-type-narrowed breaking new/integration.yaml@t'],
      bump: 'major',
    },
  ],

  // --- defaults and docs ---
  [
    'default changed',
    {
      old: action('{ type: object, properties: { n: { type: integer, default: 1 } } }'),
      new: action('{ type: object, properties: { n: { type: integer, default: {@d}2 } } }'),
      want: ['default-changed feature new/integration.yaml@d'],
      bump: 'minor',
    },
  ],
  [
    'titles, descriptions and annotations are patches',
    {
      old: action('{ type: object, properties: { n: { type: integer, description: old, x-zui: { title: N, placeholder: "1" } } } }'),
      new: action('{ type: object, properties: { n: { type: integer, description: {@d}new, x-zui: {@z}{ title: {@t}Count, placeholder: "2" } } } }').replace('description: Ping.', 'description: {@p}Ping the server.'),
      want: [
        'description-changed patch new/integration.yaml@p',
        'description-changed patch new/integration.yaml@d',
        'annotation-changed patch new/integration.yaml@z',
        'title-changed patch new/integration.yaml@t',
      ],
      bump: 'patch',
    },
  ],
  [
    'integration title changed',
    { old: HEAD, new: HEAD.replace('title: Acme', 'title: {@t}Acme Corp'), want: ['title-changed patch new/integration.yaml@t'], bump: 'patch' },
  ],

  // --- no change ---
  [
    'key order and YAML style are no change',
    {
      old: action('{ type: object, properties: { a: { type: string, enum: [x, y] }, b: { type: integer } }, required: [a, b] }'),
      new: `description: 'Acme does things.'\nversion: "1.2.3"\nname: acme\ntitle: Acme\nactions:\n  ping:\n    output:\n      schema:\n        type: object\n    input:\n      schema:\n        required:\n          - b\n          - a\n        type: object\n        properties:\n          b: { type: integer }\n          a:\n            enum: [y, x]\n            type: "string"\n    description: >-\n      Ping.\n`,
      want: [],
      bump: 'none',
    },
  ],
];

describe('intc diff: every change code, located, with the bump', () => {
  it.each(cases)('%s', (_name, c) => {
    const result = compare({ 'old/integration.yaml': c.old, 'new/integration.yaml': c.new });
    expect([...result.changes].sort()).toEqual([...c.want].sort());
    expect(result.bump).toBe(c.bump);
  });

  it('covers every code of the catalog', () => {
    const covered = new Set(cases.flatMap(([, c]) => c.want.map((w) => w.split(' ')[0])));
    for (const extra of ['interface-added', 'interface-removed', 'output-property-added']) covered.add(extra); // interface cases below
    expect(Object.keys(changeCodes).filter((code) => !covered.has(code))).toEqual([]);
  });

  it('README documents every code with its severity', () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
    for (const [code, definition] of Object.entries(changeCodes)) expect(readme).toContain(`| \`${code}\` | ${definition.severity} |`);
  });

  it('says what breaks and for whom', () => {
    const { dir } = writeCase({
      'old/integration.yaml': action('{ type: object, properties: { a: { type: string } } }'),
      'new/integration.yaml': action('{ type: object, properties: { a: { type: string }, b: { type: string } }, required: [b] }'),
    });
    const [change] = diffSides(load('old', dir), load('new', dir)).changes;
    expect(change?.message).toBe("Action 'ping' input property 'b' is new and required: calls made against the old version can now fail validation.");
  });
});

describe('entities are judged where they are used', () => {
  const entity = (properties: string) =>
    m(
      `entities:\n  user:\n    schema: { type: object, properties: { ${properties} } }\nactions:\n  save:\n    description: S.\n    input: { schema: { type: object, properties: { user: { $ref: '#/entities/user' } } } }\n    output: { schema: { type: object } }\nevents:\n  joined:\n    description: J.\n    schema: { type: object, properties: { user: { $ref: '#/entities/user' } } }\n`,
    );

  it('a property removed from an entity breaks its input use and its output use, each reported', () => {
    const result = compare({ 'old/integration.yaml': entity('id: { type: string }, {@n}nick: { type: string }'), 'new/integration.yaml': entity('id: { type: string }') });
    expect(result.changes.sort()).toEqual(['input-property-removed breaking old/integration.yaml@n', 'output-property-removed breaking old/integration.yaml@n']);
  });

  it('an enum value added inside an entity: a feature for the input use, breaking for the output use', () => {
    const result = compare({
      'old/integration.yaml': entity('id: { type: string }, role: { enum: [admin] }'),
      'new/integration.yaml': entity('id: { type: string }, role: { enum: {@e}[admin, guest] }'),
    });
    expect(result.changes.sort()).toEqual(['input-enum-value-added feature new/integration.yaml@e', 'output-enum-value-added breaking new/integration.yaml@e']);
    expect(result.bump).toBe('major');
  });

  it('messages name the use and the entity', () => {
    const { dir } = writeCase({ 'old/integration.yaml': entity('id: { type: string }, nick: { type: string }'), 'new/integration.yaml': entity('id: { type: string }') });
    const messages = diffSides(load('old', dir), load('new', dir)).changes.map((c) => c.message).sort();
    expect(messages).toEqual([
      "Action 'save' input property 'user.nick' (entity 'user') was removed: calls made against the old version that set it lose that value.",
      "Event 'joined' property 'user.nick' (entity 'user') was removed: bots handling the event built against the old version can break.",
    ]);
  });

  it("an entity's own title and description are reported once, at the entity", () => {
    const result = compare({
      'old/integration.yaml': entity('id: { type: string, description: x }'),
      'new/integration.yaml': entity('id: { type: string, description: {@d}y }'),
    });
    expect(result.changes).toEqual(['description-changed patch new/integration.yaml@d']);
  });

  it('an entity nothing uses is judged in both directions', () => {
    const unused = (p: string) => m(`entities:\n  user:\n    schema: { type: object, properties: { ${p} } }\n`);
    const result = compare({ 'old/integration.yaml': unused('id: { type: string }'), 'new/integration.yaml': unused('id: { type: string }, {@r}role: { type: string }') });
    expect(result.changes).toEqual(['input-optional-property-added feature new/integration.yaml@r']);
  });

  it('an entity whose only use went away is judged on its own', () => {
    const alone = (p: string) => m(`entities:\n  user:\n    schema: { type: object, properties: { ${p} } }\n`);
    const result = compare({ 'old/integration.yaml': entity('id: { type: string }, {@n}nick: { type: string }'), 'new/integration.yaml': alone('id: { type: string }') });
    expect(result.changes.filter((c) => !c.startsWith('action-') && !c.startsWith('event-'))).toEqual(['input-property-removed breaking old/integration.yaml@n']);
  });

  it('renaming an entity behind its $ref is an entity removal and addition, not a change of every use', () => {
    const renamed = entity('id: { type: string }').replace(/user:\n    schema/, '{@n}person:\n    schema').replace(/#\/entities\/user/g, '#/entities/person');
    const result = compare({ 'old/integration.yaml': entity('id: { type: string }').replace('user:\n    schema', '{@o}user:\n    schema'), 'new/integration.yaml': renamed });
    expect(result.changes.sort()).toEqual(['entity-added feature new/integration.yaml@n', 'entity-removed breaking old/integration.yaml@o']);
  });
});

describe('members an interface brings in', () => {
  const iface = (prompt: string) =>
    `name: llm\nversion: 1.0.0\nentities:\n  model: { schema: { type: object, properties: { id: { type: string } }, required: [id] } }\nactions:\n  {@g}generateContent:\n    input:\n      schema:\n        type: object\n        properties:\n${prompt}\n    output: { schema: { type: object } }\n`;
  const integration = (extra = '') =>
    m(
      `entities:\n  claude: { schema: { type: object, properties: { id: { type: string } }, required: [id] } }\n{@i}interfaces:\n  {@e}llm:\n    from: ./llm\n    entities: { model: claude }\n    actions:\n      generateContent: { name: generateText${extra} }\n`,
    );

  it('a change in the interface is located in the interface file, under its interface name', () => {
    const result = compare({
      'old/integration.yaml': integration(),
      'old/llm/interface.yaml': iface('          prompt: { type: string }'),
      'new/integration.yaml': integration(),
      'new/llm/interface.yaml': iface('          prompt: { type: string }\n          {@t}temperature: { type: number }\n        required: [temperature]'),
    });
    expect(result.changes).toEqual(['input-required-property-added breaking new/llm/interface.yaml@t']);
  });

  it("an override in the integration's entry is located at the entry", () => {
    const result = compare({
      'old/integration.yaml': integration(),
      'old/llm/interface.yaml': iface('          prompt: { type: string }'),
      'new/integration.yaml': integration(', title: {@t}Generate text'),
      'new/llm/interface.yaml': iface('          prompt: { type: string }'),
    });
    expect(result.changes).toEqual(['title-changed patch new/integration.yaml@t']);
  });

  it('renaming the implemented member removes the old name; dropping the interface removes it', () => {
    const result = compare({
      'old/integration.yaml': integration(),
      'old/llm/interface.yaml': iface('          prompt: { type: string }'),
      'new/integration.yaml': m('entities:\n  claude: { schema: { type: object, properties: { id: { type: string } }, required: [id] } }\n'),
    });
    expect(result.changes.sort()).toEqual(['action-removed breaking old/llm/interface.yaml@g', 'interface-removed breaking old/integration.yaml@e']);
  });

  it('implementing an interface adds it and its members', () => {
    const result = compare({
      'old/integration.yaml': m('entities:\n  claude: { schema: { type: object, properties: { id: { type: string } }, required: [id] } }\n'),
      'new/integration.yaml': integration(),
      'new/llm/interface.yaml': iface('          prompt: { type: string }'),
    });
    expect(result.changes.sort()).toEqual(['action-added feature new/llm/interface.yaml@g', 'interface-added feature new/integration.yaml@e']);
  });
});

describe('semver', () => {
  const bump = (severity: 'breaking' | 'feature' | 'patch' | undefined, from: string) => {
    const version = parseVersion(from)!;
    const required = requiredBump(severity, version);
    const next = nextVersion(version, required);
    return `${required} ${next.major}.${next.minor}.${next.patch}${next.prerelease ? `-${next.prerelease}` : ''}`;
  };

  it.each([
    ['breaking', '1.4.2', 'major 2.0.0'],
    ['feature', '1.4.2', 'minor 1.5.0'],
    ['patch', '1.4.2', 'patch 1.4.3'],
    [undefined, '1.4.2', 'none 1.4.2'],
    ['breaking', '0.4.2', 'minor 0.5.0'],
    ['feature', '0.4.2', 'patch 0.4.3'],
    ['patch', '0.4.2', 'patch 0.4.3'],
    ['breaking', '0.0.3', 'patch 0.0.4'],
    ['breaking', '2.0.0-rc.1', 'major 2.0.0'],
    ['feature', '1.5.0-beta.2', 'minor 1.5.0'],
    ['breaking', '1.5.0-beta.2', 'major 2.0.0'],
  ] as const)('%s change from %s needs %s', (severity, from, want) => {
    expect(bump(severity, from)).toBe(want);
  });
});

// --- the command ------------------------------------------------------------------------------------

async function run(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { cwd, color: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(['diff', ...argv], io);
  return { code, stdout, stderr };
}

describe('intc diff (command)', () => {
  const removedOutput = {
    'old/integration.yaml': action('{ type: object }', '{ type: object, properties: { id: { type: string }, {@n}name: { type: string } }, required: [id] }'),
    'new/integration.yaml': action('{ type: object }', '{ type: object, properties: { id: { type: string } }, required: [id] }'),
  };

  it('text: the change at its line, the count, the bump; exit 0 whatever the bump', async () => {
    const { dir, marks } = writeCase(removedOutput);
    const [, line, column] = position(marks, 'old/integration.yaml@n');
    const result = await run(['old', 'new'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        `old/integration.yaml:${line}:${column} - breaking output-property-removed: Action 'ping' output property 'name' was removed: callers reading the result built against the old version can break.`,
        '',
        '1 change: 1 breaking, 0 feature, 0 patch.',
        'Required bump: major: 1.2.3 → 2.0.0',
        '',
      ].join('\n'),
    );
  });

  it('--check-version fails until the version is bumped, and says which version to write', async () => {
    const { dir } = writeCase(removedOutput);
    const failing = await run(['old', 'new', '--check-version'], dir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('new/integration.yaml:2:10 - error version-too-low: Version 1.2.3 is too low: the changes need a major bump from 1.2.3. Write `version: 2.0.0` (or higher).');
    writeFileSync(join(dir, 'new/integration.yaml'), readFileSync(join(dir, 'new/integration.yaml'), 'utf8').replace('version: 1.2.3', 'version: 2.0.0'));
    const passing = await run(['old', 'new', '--check-version'], dir);
    expect(passing.code).toBe(0);
    expect(passing.stdout).not.toContain('version-too-low');
    writeFileSync(join(dir, 'new/integration.yaml'), readFileSync(join(dir, 'new/integration.yaml'), 'utf8').replace('version: 2.0.0', 'version: 1.9.9'));
    expect((await run(['old', 'new', '--check-version'], dir)).code).toBe(1);
  });

  it('--format json', async () => {
    const { dir, marks } = writeCase(removedOutput);
    const [, line, column] = position(marks, 'old/integration.yaml@n');
    const result = await run(['old', 'new', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      bump: 'major',
      oldVersion: '1.2.3',
      newVersion: '1.2.3',
      nextVersion: '2.0.0',
      changes: [
        {
          code: 'output-property-removed',
          severity: 'breaking',
          message: "Action 'ping' output property 'name' was removed: callers reading the result built against the old version can break.",
          file: 'old/integration.yaml',
          line,
          column,
        },
      ],
    });
  });

  it('--format github: breaking → ::error, feature → ::warning, patch → ::notice, then the bump', async () => {
    const { dir, marks } = writeCase({
      'old/integration.yaml': action('{ type: object }', '{ type: object, properties: { {@a}a: { type: string } } }'),
      'new/integration.yaml': action('{ type: object }', '{ type: object, properties: { {@b}b: { type: string } } }').replace('title: Acme', 'title: {@t}Acme, 100%'),
    });
    const at = (mark: string) => {
      const [file, line, column] = position(marks, mark);
      return `file=${file},line=${line},col=${column}`;
    };
    const result = await run(['old', 'new', '--format', 'github'], dir);
    expect(result.stdout.split('\n')).toEqual([
      `::notice ${at('new/integration.yaml@t')},title=patch title-changed::The title of the integration changed ('Acme' → 'Acme, 100%25').`,
      `::warning ${at('new/integration.yaml@b')},title=feature output-property-added::Action 'ping' output property 'b' was added.`,
      `::error ${at('old/integration.yaml@a')},title=breaking output-property-removed::Action 'ping' output property 'a' was removed: callers reading the result built against the old version can break.`,
      '::notice title=intc diff::Required bump: major: 1.2.3 → 2.0.0',
      '',
    ]);
  });

  it('a side with manifest errors cannot be compared: its diagnostics, exit 1', async () => {
    const { dir } = writeCase({ 'old/integration.yaml': HEAD, 'new/integration.yaml': `${HEAD}actions:\n  Bad_Name:\n    input: { schema: { type: object } }\n    output: { schema: { type: object } }\n` });
    const result = await run(['old', 'new'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('new/integration.yaml:6:3 - error invalid-name');
    expect(result.stdout).toContain('Cannot compare');
  });

  it.each([
    [['only-one']],
    [['a', 'b', 'c']],
    [['old', 'new', '--format', 'xml']],
    [['old', 'new', '--bogus']],
  ])('usage error %j: exit 2 with the usage', async (argv) => {
    const { dir } = writeCase({ 'old/integration.yaml': HEAD, 'new/integration.yaml': HEAD });
    const result = await run(argv, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: intc diff <old> <new>');
  });

  it('an interface manifest is not an integration: usage error', async () => {
    const { dir } = writeCase({ 'old/interface.yaml': 'name: x\nversion: 1.0.0\n', 'new/interface.yaml': 'name: x\nversion: 1.0.0\n' });
    const result = await run(['old', 'new'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('intc diff compares integration manifests');
  });
});

describe('git revisions as sides', () => {
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };

  /** A repository with the integration in project/ and its interface in interfaces/llm/, committed, then edited. */
  function repository(): { dir: string; at: (mark: string) => string } {
    const { dir, marks } = writeCase({
      'project/integration.yaml': m(
        'icon: icon.svg\nentities:\n  claude: { schema: { type: object, properties: { {@id}id: { type: string } } } }\ninterfaces:\n  llm: { from: ../interfaces/llm, entities: { model: claude } }\n',
      ),
      'project/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'interfaces/llm/interface.yaml':
        'name: llm\nversion: 1.0.0\nentities:\n  model: { schema: { type: object } }\nactions:\n  generate:\n    input: { schema: { type: object, properties: { {@p}prompt: { type: string } } } }\n    output: { schema: { type: object } }\n',
    });
    git(dir, 'init', '-q');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git(dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'v1');
    return { dir, at: (mark) => position(marks, mark).slice(1).join(':') };
  }

  it('reads the manifest and the interface it names at the revision; removals are shown at <ref>:<path>', async () => {
    const { dir, at } = repository();
    const llm = join(dir, 'interfaces/llm/interface.yaml');
    writeFileSync(llm, readFileSync(llm, 'utf8').replace('prompt: { type: string }', 'text: { type: string }'));
    const result = await run(['HEAD:project/integration.yaml', 'integration.yaml', '--format', 'json'], join(dir, 'project'));
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { bump: string; changes: { code: string; file: string; line: number; column: number }[] };
    expect(report.bump).toBe('major');
    expect(report.changes.map((c) => `${c.code} ${c.file}:${c.line}:${c.column}`)).toEqual([
      `input-optional-property-added ../interfaces/llm/interface.yaml:${at('interfaces/llm/interface.yaml@p')}`,
      `input-property-removed HEAD:interfaces/llm/interface.yaml:${at('interfaces/llm/interface.yaml@p')}`,
    ]);
  });

  it('a path starting with ./ is relative to the current folder; github annotates a removal where it was in the new file', async () => {
    const { dir, at } = repository();
    const manifest = join(dir, 'project/integration.yaml');
    const text = readFileSync(manifest, 'utf8').replace(/entities:\n  claude: \{ schema: \{ type: object, properties: \{ id: \{ type: string \} \} \} \}\n/, 'entities:\n  claude: { schema: { type: object, properties: {} } }\n');
    writeFileSync(manifest, text);
    const line = text.split('\n').findIndex((l) => l.includes('properties: {}'));
    const column = text.split('\n')[line]!.indexOf('properties') + 1;
    const result = await run(['HEAD:./integration.yaml', '.', '--format', 'github'], join(dir, 'project'));
    expect(result.stdout.split('\n')[0]).toBe(
      `::error file=integration.yaml,line=${line + 1},col=${column},title=breaking input-property-removed::Entity 'claude' property 'id' was removed: values built against the old version that set it lose that value. (HEAD:project/integration.yaml:${at('project/integration.yaml@id')})`,
    );
  });

  it('no change between a revision and an unchanged work tree', async () => {
    const { dir } = repository();
    const result = await run(['HEAD:project', 'project'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No changes.\nRequired bump: none: 1.2.3 stays\n');
  });

  it('an unknown revision or a path not in it is a usage error', async () => {
    const { dir } = repository();
    const unknown = await run(['nope:project/integration.yaml', 'project'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown git revision 'nope'");
    const missing = await run(['HEAD:integration.yaml', 'integration.yaml'], join(dir, 'project'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("write 'HEAD:./integration.yaml' for one relative to the current folder");
  });
});
