/**
 * Ajv standalone code for a list of schemas. Identical schemas are compiled
 * once; each entity is registered under its URI, so schemas that refer to it
 * call one shared validator. Function names (`validate10`…) come from Ajv's
 * counters, so the same input gives the same code.
 *
 * Large manifests (1000 actions: 5.3 s with a plain `standaloneCode` call,
 * ~1.5 s here) need three things: the module text is assembled here from each
 * compiled function's source (Ajv's own `standaloneCode` rebuilds its whole
 * output once per function, which is quadratic); Ajv does not evaluate the
 * code it generates (`code.process` hands it a stand-in, only the source is
 * used); and schemas are compiled in batches, each by a fresh Ajv instance
 * that continues the name counters of the previous one (a long-lived
 * instance slows down as its heap grows). An entity used in several batches
 * is compiled once per batch.
 */
import type { default as AjvModule } from 'ajv';
import { bundledRequire } from '../../load/bundled-require.js';
import { entityUri, schemaForAjv } from './ajv-schemas.js';
import { ShapeTable, type ShapeJson } from './parse-schemas.js';
import { CHOICE_NAME, useRecordingUnions, type CodegenLibrary } from './recording-unions.js';

type AjvClass = typeof AjvModule.default;
type AjvInstance = InstanceType<AjvClass>;

/** The parts of Ajv's code generator this module relies on (ajv 8). */
interface Code {
  toString(): string;
}
interface ScopeName extends Code {
  readonly prefix: string;
  readonly value?: { readonly ref?: unknown };
}
interface FunctionSource {
  readonly validateName: ScopeName;
  readonly validateCode: string;
  readonly scopeValues: unknown;
}
type UsedValues = Record<string, Map<ScopeName, number>>;
interface ValueScope {
  _names: Record<string, unknown>;
  readonly opts: { readonly _n: string };
  scopeCode(values: unknown, usedValues: UsedValues, getCode: (name: ScopeName) => Code | undefined): Code;
}
interface AjvLibrary {
  readonly Ajv: AjvClass;
  readonly addFormats: (ajv: AjvInstance) => AjvInstance;
  readonly Name: new (name: string) => unknown;
  readonly template: CodegenLibrary['template'];
  readonly Code: new (code: string) => Code;
  readonly started: number;
  readonly completed: number;
}

const require = bundledRequire('intc-ajv.cjs');
let library: AjvLibrary | undefined;

function ajvLibrary(): AjvLibrary {
  if (library === undefined) {
    const ajv = require('ajv') as { default: AjvClass; Name: AjvLibrary['Name']; _: AjvLibrary['template'] };
    const code = require('ajv/dist/compile/codegen/code') as { _Code: AjvLibrary['Code'] };
    const scope = require('ajv/dist/compile/codegen/scope') as { UsedValueState: { Started: number; Completed: number } };
    library = {
      Ajv: ajv.default,
      addFormats: (require('ajv-formats') as { default: AjvLibrary['addFormats'] }).default,
      Name: ajv.Name,
      template: ajv._,
      Code: code._Code,
      started: scope.UsedValueState.Started,
      completed: scope.UsedValueState.Completed,
    };
  }
  return library;
}

/** What the generated code calls `require(…)` for, and the `@intc/runtime` export that replaces it. */
const RUNTIME_HELPERS: readonly (readonly [string, string])[] = [
  ['require("ajv/dist/runtime/equal").default', 'ajvEqual'],
  ['require("ajv/dist/runtime/ucs2length").default', 'ajvUcs2length'],
  ['require("ajv/dist/runtime/uri").default', 'ajvUri'],
];
const FORMATS_NAME = 'ajvFormats';
/** The body Ajv evaluates instead of the generated code: a stand-in that carries the real code's `source`. */
const NOT_EVALUATED = 'return function notEvaluated() { throw new Error("intc compiles validators to source only"); }';
/** Schemas compiled by one Ajv instance. */
const BATCH_SIZE = 25;

export interface StandaloneValidators {
  /** The functions and the values they share, without exports or `require`s. */
  readonly code: string;
  /** Names to import from `@intc/runtime`, sorted. */
  readonly imports: readonly string[];
  /** Function name of each input schema, by index. */
  readonly functionNames: readonly string[];
  /** The shape table (see parse-schemas.ts), `$ref`s as indices; only what the functions' shapes use. */
  readonly shapes: readonly ShapeJson[];
  /** Function name → the table index of its shape (functions whose parsing does nothing beyond validating have none). */
  readonly shapeOf: ReadonlyMap<string, number>;
}

export interface EntitySchema {
  readonly name: string;
  readonly schema: unknown;
}

interface DistinctSchema {
  readonly schema: unknown;
  readonly shape: number | undefined;
  functionName: string;
}

export function standaloneValidators(schemas: readonly unknown[], entities: readonly EntitySchema[]): StandaloneValidators {
  const table = new ShapeTable(entities.map((entity) => entityUri(entity.name)));
  const preparedEntities = entities.map((entity) => {
    const uri = entityUri(entity.name);
    return { uri, schema: table.prepareEntity(uri, schemaForAjv(entity.schema)) };
  });
  const distinct = new Map<string, DistinctSchema>();
  const contentOf = schemas.map((schema) => {
    const light = schemaForAjv(schema);
    const content = JSON.stringify(light);
    if (!distinct.has(content)) {
      const prepared = table.prepare(light);
      distinct.set(content, { schema: prepared.ajv, shape: prepared.shape, functionName: '' });
    }
    return content;
  });

  const names: Record<string, unknown> = {};
  const parts: string[] = [];
  const uses = new Map<string, number>();
  const batch: DistinctSchema[] = [];
  const flush = () => {
    const text = compileBatch(batch, preparedEntities, names);
    countSchemaConstantUses(text, uses);
    parts.push(text);
    batch.length = 0;
  };
  for (const entry of distinct.values()) {
    batch.push(entry);
    if (batch.length === BATCH_SIZE) flush();
  }
  if (batch.length > 0) flush();

  // The module is the batches joined by newlines. Every rewrite below works line by line (no match spans a
  // newline), so each batch is rewritten on its own, and the large text is built once.
  const imports = new Set<string>();
  for (const [index, part] of parts.entries()) {
    const text = index < parts.length - 1 ? `${part}\n` : part;
    parts[index] = useRuntimeHelpers(removeUnusedSchemaConstants(text, uses), imports);
  }
  const code = parts.join('');
  // Inside a string literal a quote would be escaped (`require(\"`): this only finds code.
  if (code.includes('require("')) throw new Error('Ajv standalone code requires a module @intc/runtime does not provide');
  const used = table.used([...distinct.values()].map((entry) => entry.shape));
  const shapeOf = new Map<string, number>();
  for (const entry of distinct.values()) {
    const index = entry.shape === undefined ? undefined : used.indexOf.get(entry.shape);
    if (index !== undefined) shapeOf.set(entry.functionName, index);
  }
  return {
    code: code.trim(),
    imports: [...imports].sort(),
    functionNames: contentOf.map((content) => distinct.get(content)!.functionName),
    shapes: used.shapes,
    shapeOf,
  };
}

/** Compiles schemas with a fresh Ajv instance whose scope names continue from `names`; sets their function names. */
function compileBatch(batch: readonly DistinctSchema[], entities: readonly { uri: string; schema: unknown }[], names: Record<string, unknown>): string {
  const lib = ajvLibrary();
  const ajv = new lib.Ajv({
    allErrors: true,
    // `toString`, `constructor`… are schema properties like any other: never the ones every object inherits.
    ownProperties: true,
    allowUnionTypes: true,
    strict: false,
    validateSchema: false,
    // No meta-schema: schemas are not validated here (intc validate did), and an instance is made per batch.
    meta: false,
    inlineRefs: false,
    logger: false,
    messages: false,
    code: {
      source: true,
      esm: true,
      lines: true,
      optimize: false,
      formats: new lib.Name(FORMATS_NAME) as never,
      // Only the source is used: skip evaluating each function's code (Ajv keeps the source it generated).
      process: () => NOT_EVALUATED,
    },
  });
  lib.addFormats(ajv);
  useRecordingUnions(ajv, lib);
  const scope = (ajv as unknown as { scope: ValueScope }).scope;
  scope._names = names;
  for (const entity of entities) ajv.addSchema(entity.schema as object, entity.uri);
  const writer = new ModuleWriter(scope, lib);
  for (const entry of batch) {
    const validate = ajv.compile(entry.schema as object) as unknown as { source?: FunctionSource };
    entry.functionName = String(validate.source!.validateName);
    writer.add(validate.source!);
    // Written out: let the code tree go (a long-lived instance otherwise slows down as its heap grows).
    delete validate.source;
    ajv.removeSchema(entry.schema as object);
  }
  return writer.text();
}

/**
 * Ajv's `standaloneCode`, for one batch: each function's code after the scope
 * values it uses (runtime helpers, patterns, the validators it calls), each
 * value once.
 */
class ModuleWriter {
  private readonly usedValues: UsedValues = {};
  private readonly parts: string[] = [];

  constructor(
    private readonly scope: ValueScope,
    private readonly lib: AjvLibrary,
  ) {}

  add(source: FunctionSource): void {
    const code = this.functionCode(source);
    if (code !== undefined) this.parts.push(code.toString());
  }

  text(): string {
    return this.parts.join(this.scope.opts._n);
  }

  private functionCode(source: FunctionSource): Code | undefined {
    if (this.usedState(source.validateName) === this.lib.completed) return undefined;
    this.setUsedState(source.validateName, this.lib.started);
    const scopeCode = this.scope.scopeCode(source.scopeValues, this.usedValues, (name) => this.referencedCode(name));
    return new this.lib.Code(`${scopeCode.toString()}${this.scope.opts._n}${source.validateCode}`);
  }

  /** Code for a validator another one calls (`validateN`, or a `wrapperN`/`rootN` object around it). */
  private referencedCode(name: ScopeName): Code | undefined {
    const ref = name.value?.ref;
    if (name.prefix === 'validate' && typeof ref === 'function') {
      return this.functionCode((ref as unknown as { source: FunctionSource }).source) ?? new this.lib.Code('');
    }
    if ((name.prefix === 'root' || name.prefix === 'wrapper') && typeof ref === 'object' && ref !== null) {
      const { validate, validateName } = ref as { validate: { source: FunctionSource }; validateName: ScopeName };
      const wrapper = `const ${name.toString()} = {validate: ${validateName.toString()}};`;
      if (this.usedState(validateName) === this.lib.started) return new this.lib.Code(wrapper);
      const called = this.functionCode(validate.source);
      return new this.lib.Code(called === undefined ? wrapper : `${wrapper}${this.scope.opts._n}${called.toString()}`);
    }
    return undefined;
  }

  private usedState(name: ScopeName): number | undefined {
    return this.usedValues[name.prefix]?.get(name);
  }

  private setUsedState(name: ScopeName, state: number): void {
    (this.usedValues[name.prefix] ??= new Map()).set(name, state);
  }
}

/** Replaces Ajv's `require("ajv/dist/runtime/…")` with `@intc/runtime` imports, adding what `source` uses to `imports`. */
function useRuntimeHelpers(source: string, imports: Set<string>): string {
  let code = source;
  for (const [required, name] of RUNTIME_HELPERS) {
    if (code.includes(required)) {
      code = code.split(required).join(name);
      imports.add(name);
    }
  }
  if (code.includes(`${FORMATS_NAME}.`) || code.includes(`${FORMATS_NAME}[`)) imports.add(FORMATS_NAME);
  if (code.includes(`${CHOICE_NAME}(`)) imports.add(CHOICE_NAME);
  return code;
}

const SCHEMA_CONSTANT_NAME = /\bschema\d+\b/g;

/** Counts the occurrences of each `schemaN` name in `source` into `uses`. */
function countSchemaConstantUses(source: string, uses: Map<string, number>): void {
  SCHEMA_CONSTANT_NAME.lastIndex = 0;
  for (let match = SCHEMA_CONSTANT_NAME.exec(source); match !== null; match = SCHEMA_CONSTANT_NAME.exec(source)) {
    uses.set(match[0], (uses.get(match[0]) ?? 0) + 1);
  }
}

/**
 * Ajv declares `const schemaN = {…}` for every compiled schema, also when no
 * code reads it (only some keywords, such as `enum`, do): drop the unread ones
 * (`uses` counts each name over the whole module).
 */
function removeUnusedSchemaConstants(source: string, uses: ReadonlyMap<string, number>): string {
  return source.replace(/^const (schema\d+) = .*\n/gm, (line, name: string) => (uses.get(name) === 1 ? '' : line));
}
