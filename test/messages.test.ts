import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../packages/intc/src/diagnostics/diagnostic.js';
import { validate } from '../packages/intc/src/pipeline.js';

const work = mkdtempSync(join(tmpdir(), 'intc-messages-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let count = 0;
function diagnosticsFor(fileName: string, text: string): readonly Diagnostic[] {
  const folder = join(work, String(count++));
  mkdirSync(folder);
  writeFileSync(join(folder, fileName), text);
  return validate([join(folder, fileName)]).diagnostics;
}

function messagesFor(fileName: string, text: string): string[] {
  return diagnosticsFor(fileName, text).map(
    (d) => `${d.location.start.line}:${d.location.start.column} ${d.code}: ${d.message}${d.fix ? ` help: ${d.fix.message}` : ''}`,
  );
}

const head = 'name: demo\nversion: 1.0.0\ndescription: A demo.\n';
const action = (input: string) => `actions:\n  doIt:\n    description: Does it.\n    input:\n      schema:\n${input}    output: { schema: { type: object } }\n`;

describe('messages say what to write instead', () => {
  it.each([
    ['a number where text is expected', 'name: demo\nversion: 1.0\ndescription: A demo.\n', '2:10 invalid-type', '(YAML reads 1.0 as a number). help: Write `version: 1.0.0`'],
    ['a number where a title is expected', 'name: demo\nversion: 1.0.0\ntitle: 42\n', '3:8 invalid-type', 'help: Put it in quotes'],
    ['yes for a boolean', `${head}${action('        type: object\n').replace('    input:', '    billable: yes\n    input:')}`, '7:15 invalid-type', "help: Write `true`: YAML 1.2 reads 'yes' as text"],
    ['OpenAPI nullable', `${head}${action("        type: object\n        properties:\n          a: { type: string, nullable: true }\n")}`, '11:30 unknown-schema-keyword', "help: Write `type: [string, 'null']` instead (JSON Schema has no `nullable`; that is OpenAPI)"],
    ['a YAML merge key', `${head}base: &base { billable: true }\n${action('        type: object\n').replace('    input:', '    <<: *base\n    input:')}`, '', ''],
    ['an alias before its anchor', `${head}title: *missing\n`, '4:8 yaml-syntax', 'alias *missing has no anchor &missing before it'],
    ['a typo beside x-zui', `${head}${action("        type: object\n        properties:\n          a: { type: string, x-zui: { title: A }, tilte: A }\n")}`, '11:51 unknown-schema-keyword', "Unknown JSON Schema keyword 'tilte' (strict mode allows draft-07 keywords and `x-` extensions only). help: Write `title`."],
    ['x_zui for x-zui', `${head}${action('        type: object\n        x_zui: {}\n')}`, '10:9 unknown-schema-keyword', "Unknown JSON Schema keyword 'x_zui' (strict mode allows draft-07 keywords and `x-` extensions only). help: Write `x-zui`."],
    ['x-zui that is not a mapping', `${head}${action('        type: object\n        x-zui: Token\n')}`, '10:16 invalid-type', "'actions.doIt.input.schema.x-zui' must be an object, but is a string. help: `x-zui` holds Botpress's UI options as a mapping: write for example `x-zui: { title: API token, secret: true }`, or `x-zui: {}`."],
    ['secret: true beside the same hint in x-zui', `${head}${action("        type: object\n        properties:\n          a: { type: string, x-zui: { secret: true }, secret: true }\n")}`, '11:55 unknown-schema-keyword', "help: Remove it: this schema's `x-zui` already has `secret: true`."],
    ['secret: true beside another value in x-zui', `${head}${action("        type: object\n        properties:\n          a: { type: string, x-zui: { secret: false }, secret: true }\n")}`, '11:56 unknown-schema-keyword', "help: Remove it, and set `secret` in this schema's `x-zui` (now `secret: false`) to the value you mean"],
    ['a discriminator without its property', `${head}${action("        type: object\n        properties:\n          d: { oneOf: [{ type: object }], discriminator: { mapping: {} } }\n")}`, '11:43 missing-property', "is missing required property 'propertyName'"],
    ['a $ref into x-zui', `${head}${action("        type: object\n        x-zui: { def: { type: string } }\n        properties:\n          a: { $ref: '#/x-zui/def' }\n")}`, '12:22 unresolved-ref', "it points into 'x-zui', which holds data for other tools, not a schema"],
  ])('%s', (_, text, where, words) => {
    const messages = messagesFor('integration.yaml', text);
    if (where === '') {
      expect(messages.some((m) => m.includes("'<<'") && m.includes('YAML merge keys (`<<: *anchor`) are not supported'))).toBe(true);
      return;
    }
    expect(messages.find((m) => m.startsWith(where))).toContain(words);
  });

  it.each([
    ['a typo beside x-zui', `${head}${action("        type: object\n        properties:\n          a: { type: string, x-zui: { title: A }, tilte: A }\n")}`, 'tilte', 'title'],
    ['x_zui for x-zui', `${head}${action('        type: object\n        x_zui: {}\n')}`, 'x_zui', 'x-zui'],
  ])('%s: the fix renames the key', (_, text, written, meant) => {
    const [diagnostic, ...others] = diagnosticsFor('integration.yaml', text);
    expect(others).toEqual([]);
    const edit = diagnostic?.fix?.edit;
    expect(edit?.replacement).toBe(meant);
    expect(text.slice(edit?.start, edit?.end)).toBe(written);
    expect(edit?.range.start).toEqual(diagnostic?.location.start);
  });

  it('a trailing comma in a JSON manifest, at the comma', () => {
    const messages = messagesFor('integration.json', '{\n  "name": "demo",\n  "version": "1.0.0",\n}\n');
    expect(messages).toEqual(['3:21 json-syntax: JSON syntax error: trailing comma (JSON allows no comma after the last item). help: Remove the comma.']);
  });
});
