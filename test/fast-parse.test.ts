import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFast } from '../packages/intc/src/load/fast-parse.js';
import { MAX_NESTING_DEPTH, parseWithPositions } from '../packages/intc/src/load/parse-yaml.js';

/**
 * The fast path may only ever give the value the `yaml` path gives. Wherever
 * it returns a value, the `yaml` path must read the same text without a
 * diagnostic, to a deep-equal value.
 */
function expectSameAsYaml(text: string): 'fast' | 'fallback' {
  const fast = parseFast(text, MAX_NESTING_DEPTH);
  if (fast === undefined) return 'fallback';
  const slow = parseWithPositions('test.yaml', text);
  expect(slow.diagnostics.map((d) => d.message)).toEqual([]);
  expect(fast).toEqual(slow.value);
  return 'fast';
}

const scalars = [
  '0o17', '0x1F', '0x1f', '1_000', '+1', '-0', '007', '1e3', '1E+3', '1.5e-3', '.5', '5.', '-.5', '.inf', '-.Inf', '+.INF', '.NaN', '.nan',
  '0b101', '012', '1:30', '1.2.3', 'yes', 'no', 'on', 'off', 'Y', 'n', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE',
  'false', '2001-12-14', '2001-12-14T21:59:43.10-05:00', '"quoted"', "'single ''quote'''", '"esc \\u00e9\\t\\n\\x41"', '12345678901234567890',
  '0.1', '-1', '+.5', '0o8', '0xG', '1e', 'e1', '-', '- a', '@x', '`x`', '"a # b"', 'a #comment', '"\\"', "''",
];

const documents: [string, string][] = [
  ['block scalars', 'a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n\n  para\nc: |-\n  strip\nd: >+\n  keep\n\ne: x\n'],
  ['multi-line plain scalar', 'a: one\n  two\n  three\nb: "dq\n  continued"\n'],
  ['flow collections', 'a: {b: 1, c: [x, "y", {d: null}], e: []}\nf: [ {g: h} ]\n'],
  ['empty values and comments', '# top\na:   # comment\nb: ~\nc:\n  - \n  - x # trailing\n'],
  ['scalar anchors and aliases', 'a: &x hello\nb: *x\n'],
  ['collection alias', 'a: &x {b: 1}\nc: *x\n'],
  ['non-string keys', '1: a\n1.5: b\ntrue: c\n'],
  ['null key', 'null: a\n'],
  ['document markers', '---\na: 1\n...\n'],
  ['CRLF line endings', 'a: 1\r\nb:\r\n  c: two\r\n'],
  ['unicode', 'é: "ünïcödé 😀"\nb: 日本語\n'],
  ['explicit tag', 'a: !!str 123\n'],
  ['custom tag', 'a: !foo bar\n'],
  ['explicit key', '? a\n: b\n'],
  ['merge key', 'base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n'],
  ['duplicate keys', 'a: 1\na: 2\n'],
  ['directive', '%YAML 1.1\n---\na: yes\n'],
  ['quoted keys', '"a b": 1\n\'c\': 2\n"__proto__": 3\n'],
  ['deep nesting', `${'[' .repeat(300)}${']'.repeat(300)}\n`],
  ['json', '{"name": "x", "version": "1.0.0", "n": 1.0, "list": [1, 2.5, true, null]}'],
  ['tabs in flow', '{\n\t"a": 1,\n\t"b": [1,\t2]\n}\n'],
  ['indented flow continuation', 'a: [b,\nc]\n'],
  ['merge key without alias', 'a:\n  <<: 1\n  b: 2\n'],
  ['indentation indicators', 'a: |2\n    two more\n  base\nb: >-\n  x\n\n  y\n'],
  ['nested and compact sequences', 'a:\n- - x\n  - y\n- b: 1\n  c: 2\n- {}\n- []\n'],
  ['special floats and numbers as keys', '.inf: a\n0x10: b\n1e2: c\n'],
  ['quotes inside plain scalars', "a: it's\nb: say \"hi\"\nc: 'it''s'\n"],
  ['comment-like text', 'a: x#y\nb: "#not"\nc: x # yes\n'],
];

function manifestFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? manifestFiles(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

describe('the fast parser gives exactly what yaml gives, or gives up', () => {
  it.each(scalars)('plain and quoted scalar %s (as a value and as a key)', (scalar) => {
    expectSameAsYaml(`value: ${scalar}\n`);
    expectSameAsYaml(`list: [${scalar}]\n`);
    expectSameAsYaml(`${scalar}: key\n`);
  });

  it.each(documents)('%s', (_, text) => {
    expectSameAsYaml(text);
  });

  it('on every fixture, and takes the fast path on every valid one', () => {
    const outcomes = manifestFiles('fixtures').map((file) => [file, expectSameAsYaml(readFileSync(file, 'utf8'))] as const);
    const validSlow = outcomes.filter(([file, outcome]) => file.startsWith('fixtures/valid') && outcome === 'fallback');
    expect(validSlow).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(70);
  });

  it('gives up on what only yaml can judge', () => {
    for (const text of ['a: &x {b: 1}\nc: *x\n', 'a: !foo x\n', '? a\n: b\n', 'a: 1\na: 2\n', '%YAML 1.1\n---\na: yes\n', 'null: a\n', 'a: [\n']) {
      expect(parseFast(text, MAX_NESTING_DEPTH), text).toBeUndefined();
    }
    expect(parseFast(`${'['.repeat(300)}${']'.repeat(300)}`, MAX_NESTING_DEPTH)).toBeUndefined();
  });
});

describe('leniencies of js-yaml that yaml rejects go to yaml', () => {
  it.each([
    ['flow sequence continued less indented', 'a: [b,\nc]\n'],
    ['flow mapping continued less indented', 'a: {b: 1,\nc: 2}\n'],
    ['flow continued at the same indentation in a list', 'list:\n- [a,\n  b]\n'],
    ['quoted scalar across lines inside flow', 'a: ["b\nc"]\n'],
    ['comment right after a quoted scalar', 'a: "b"#c\n'],
    ['bare CR line breaks', 'a: 1\rb: 2\r'],
    ['quoted scalar continued less indented', 'a:\n  b: "one\ntwo"\n'],
    ['implicit key over 1024 characters', `${'k'.repeat(1100)}: x\n`],
    ['alias as a key', 'x: &k key\n*k : value\n'],
    ['flow collection as a key', '[a, b]: x\n{c: 1}: y\n'],
    ['comment glued to a flow collection', 'a: [1, 2]#c\nb: {a: 1}#c\n- [a]#c\n'],
    ['comment glued to the colon of a quoted key', '{"a":# x\n}\n'],
    ['comment glued to the colon of a quoted key, spaced', "{'a' :# x\n}\n"],
    ['tab-only line inside a plain scalar', 'a: b\n\t\n  c\n'],
    ['keep chomping at the end of the file', 'a: |+\n  x\n  '],
    ['text glued to a document marker', '---a: 1\n'],
    ['escape beyond unicode', 'a: "\\U00110000"\n'],
    ['long quoted key', `"${'k'.repeat(1023)}": x\n`],
    ['many aliases to one scalar', `a: &s x\nlist: [${Array.from({ length: 150 }, () => '*s').join(', ')}]\n`],
  ])('%s', (_, text) => {
    expectSameAsYaml(text);
  });

  it('still takes the fast path for brackets and quotes inside plain text', () => {
    expect(expectSameAsYaml("a: it's [not] a {flow}\nb: 'quoted [x'\nc: # comment [\n  d\n")).toBe('fast');
  });
});

describe('random edits of the fixtures (fixed seed)', () => {
  it('never make the fast path disagree with the yaml path', () => {
    let seed = 20261124;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const texts = manifestFiles('fixtures').map((file) => readFileSync(file, 'utf8'));
    const snippets = ['#', ' #', '"', "'", '[', ']', '{', '}', ',', ':', ': ', '- ', '\n', '\n  ', '\t', '&a ', '*a', '!', '?', '|', '>', '%', '\r', '\\', '~', 'null', '0x1', '1e3', '.5', 'yes', '<<: ', '"\\u00e9"', "''", '---\n', '...', '@', '`'];
    let fastOnes = 0;
    for (let i = 0; i < 1500; i++) {
      let text = pick(texts);
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) {
        const at = Math.floor(random() * (text.length + 1));
        text = random() < 0.65 ? text.slice(0, at) + pick(snippets) + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
      }
      if (expectSameAsYaml(text) === 'fast') fastOnes++;
    }
    expect(fastOnes).toBeGreaterThan(300);
  });
});
