/**
 * Ajv's `anyOf` and `oneOf`, as the generated validators compile them: a
 * union that parse-schemas.ts marked (`intcAnyOf: n` / `intcOneOf: n` beside
 * it) also records which branch the value matched, by calling
 * `intcChoice(n, branch, data)` from `@intc/runtime` (src/runtime/parse.ts),
 * so that parsing strips and fills in by that branch only. `anyOf` records
 * its first matching branch (as zod's union returns the first option that
 * parses) and `oneOf` its only one. Unmarked unions compile as Ajv compiles
 * them. The generated code and its errors are Ajv's own otherwise.
 */
import { UNION_MARKERS } from './parse-schemas.js';

/** The `@intc/runtime` function the generated code calls. */
export const CHOICE_NAME = 'intcChoice';

/** The parts of Ajv's code generator used here (ajv 8). */
interface Gen {
  let(prefix: string, value: unknown): unknown;
  name(prefix: string): unknown;
  block(body: () => void): Gen;
  if(condition: unknown, then?: () => void): Gen;
  else(): Gen;
  assign(name: unknown, value: unknown): Gen;
  code(code: unknown): Gen;
}
interface KeywordCxt {
  readonly gen: Gen;
  readonly schema: readonly unknown[];
  readonly parentSchema: Record<string, unknown>;
  readonly data: unknown;
  subschema(spec: { keyword: string; schemaProp: number; compositeRule: boolean }, valid: unknown): unknown;
  setParams(params: Record<string, unknown>): void;
  result(condition: unknown, pass: () => void, fail: () => void): void;
  reset(): void;
  error(append: boolean): void;
}
interface KeywordDefinition {
  readonly keyword: string;
  readonly code: (cxt: KeywordCxt) => void;
}
interface RecordingAjv {
  readonly RULES: { readonly all: Record<string, { readonly definition: KeywordDefinition } | undefined> };
  removeKeyword(keyword: string): unknown;
  addKeyword(definition: KeywordDefinition & { before: string }): unknown;
}
export interface CodegenLibrary {
  /** Ajv's `_` template tag (code with interpolated names and values). */
  readonly template: (strings: TemplateStringsArray, ...values: unknown[]) => unknown;
  readonly Name: new (name: string) => unknown;
}

/** Replaces the instance's `anyOf` and `oneOf` keywords, keeping their place in Ajv's keyword order. */
export function useRecordingUnions(instance: unknown, lib: CodegenLibrary): void {
  const ajv = instance as RecordingAjv;
  const choice = new lib.Name(CHOICE_NAME);
  const replace = (keyword: 'anyOf' | 'oneOf', before: string, marked: (cxt: KeywordCxt, union: number) => void) => {
    const original = ajv.RULES.all[keyword]?.definition;
    if (original === undefined) throw new Error(`intc: Ajv has no ${keyword} keyword`);
    ajv.removeKeyword(keyword);
    ajv.addKeyword({
      ...original,
      before,
      code: (cxt) => {
        const union = cxt.parentSchema[UNION_MARKERS[keyword]];
        if (typeof union === 'number') marked(cxt, union);
        else original.code(cxt);
      },
    });
  };
  const _ = lib.template;
  replace('anyOf', 'oneOf', (cxt, union) => {
    const { gen } = cxt;
    const valid = gen.let('valid', false);
    const branchValid = gen.name('_valid');
    gen.block(() =>
      cxt.schema.forEach((_branch, index) => {
        cxt.subschema({ keyword: 'anyOf', schemaProp: index, compositeRule: true }, branchValid);
        gen.if(branchValid, () => gen.assign(valid, true).code(_`${choice}(${union}, ${index}, ${cxt.data})`));
        // The next branches run only while none matched: the first match is the one recorded.
        if (index < cxt.schema.length - 1) gen.if(_`!${valid}`);
      }),
    );
    cxt.result(valid, () => cxt.reset(), () => cxt.error(true));
  });
  replace('oneOf', 'allOf', (cxt, union) => {
    const { gen } = cxt;
    const valid = gen.let('valid', false);
    const passing = gen.let('passing', null);
    const branchValid = gen.name('_valid');
    cxt.setParams({ passing });
    gen.block(() =>
      cxt.schema.forEach((_branch, index) => {
        cxt.subschema({ keyword: 'oneOf', schemaProp: index, compositeRule: true }, branchValid);
        if (index > 0) gen.if(_`${branchValid} && ${valid}`).assign(valid, false).assign(passing, _`[${passing}, ${index}]`).else();
        gen.if(branchValid, () => gen.assign(valid, true).assign(passing, index));
      }),
    );
    cxt.result(
      valid,
      () => {
        cxt.reset();
        gen.code(_`${choice}(${union}, ${passing}, ${cxt.data})`);
      },
      () => cxt.error(true),
    );
  });
}
