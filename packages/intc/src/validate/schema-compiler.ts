import type { default as AjvModule, Options as AjvOptions, ValidateFunction } from 'ajv';
import { bundledRequire } from '../load/bundled-require.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import type { PathSegment } from '../load/source-file.js';
import { isIgnoredByValidators } from '../model/schema-extensions.js';
import { entriesOf, isPlainObject, propertyOf } from '../model/values.js';
import { decodePointer, ENTITY_REF_PREFIX, isEntityRef } from './json-pointer.js';

type AjvClass = typeof AjvModule.default;
type AjvInstance = InstanceType<AjvClass>;

/**
 * Ajv is loaded on first use: most manifests need no compile at all (see
 * schema-strictness.ts), and loading it costs ~50 ms of start-up (~15 ms
 * from dist/intc-ajv.cjs, shared with the validators emitter).
 */
const require = bundledRequire('intc-ajv.cjs');
const ENTITY_BASE = 'https://intc.invalid/';

export interface SchemaCompileFailure {
  /** Path inside the compiled schema where Ajv found the problem. */
  readonly pointer: PathSegment[];
  /** The keyword at fault, when Ajv names it. */
  readonly keyword: string | undefined;
  readonly message: string;
}

/**
 * Compiles embedded schemas with Ajv in strict mode, as the generated
 * validators will be. `$ref: '#/entities/x'` resolves to the manifest's
 * entity. Results are cached by content, so a schema repeated across
 * actions is compiled once.
 */
export class SchemaCompiler {
  private ajv: AjvInstance | undefined;
  private readonly results = new Map<string, SchemaCompileFailure | null>();
  private scopes = 0;

  /** Starts a manifest: its entities become resolvable for the schemas compiled next. */
  beginScope(entities: ReadonlyMap<string, unknown>): CompileScope {
    const ajv = this.instance();
    const base = `${ENTITY_BASE}${this.scopes++}/entities/`;
    registerEntities(ajv, base, entities);
    return { compile: (schema) => this.compile(ajv, schemaForCompile(schema, base)) };
  }

  private compile(ajv: AjvInstance, schema: unknown): SchemaCompileFailure | null {
    const key = JSON.stringify(schema);
    const cached = this.results.get(key);
    if (cached !== undefined) return cached;
    let failure: SchemaCompileFailure | null = null;
    try {
      ajv.compile(schema as object);
    } catch (error) {
      failure = describeFailure(error);
    }
    this.results.set(key, failure);
    return failure;
  }

  private instance(): AjvInstance {
    this.ajv ??= createAjv({ strict: true, code: { optimize: false } });
    return this.ajv;
  }

  private validationAjv: AjvInstance | undefined;
  private readonly validationBases = new Map<LoadedManifest, string>();

  /**
   * A validator for values that must fit one of a manifest's schemas (a bot's
   * configuration against its integration's), with that manifest's entities
   * resolvable and `parentSchema`/`data` on errors for messages.
   */
  validatorFor(manifest: LoadedManifest, schema: unknown): ValidateFunction {
    this.validationAjv ??= createAjv({ strict: false, verbose: true });
    let base = this.validationBases.get(manifest);
    if (base === undefined) {
      base = `${ENTITY_BASE}validation/${this.validationBases.size}/entities/`;
      this.validationBases.set(manifest, base);
      const entities = entriesOf(propertyOf(manifest.value, 'entities')).map(([name, entity]) => [name, propertyOf(entity, 'schema')] as const);
      registerEntities(this.validationAjv, base, entities);
    }
    return this.validationAjv.compile(schemaForCompile(schema, base) as object);
  }
}

function createAjv(options: AjvOptions): AjvInstance {
  const Ajv = (require('ajv') as { default: AjvClass }).default;
  const addFormats = (require('ajv-formats') as { default: (ajv: AjvInstance) => AjvInstance }).default;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, validateSchema: false, ownProperties: true, ...options });
  addFormats(ajv);
  return ajv;
}

export interface CompileScope {
  /** Compiles one schema (or part of one) in strict mode; null when Ajv accepts it. */
  compile(schema: unknown): SchemaCompileFailure | null;
}

/** Makes `$ref: '#/entities/<name>'` resolvable: each entity schema under its own URI. */
function registerEntities(ajv: AjvInstance, base: string, entities: Iterable<readonly [string, unknown]>): void {
  for (const [name, schema] of entities) {
    const rewritten = schemaForCompile(schema, base);
    if (isPlainObject(rewritten)) ajv.addSchema({ ...rewritten, $id: entityId(base, name) });
    else if (typeof rewritten === 'boolean') ajv.addSchema(rewritten, entityId(base, name));
  }
}

function entityId(base: string, name: string): string {
  return `${base}${encodeURIComponent(name)}.json`;
}

/** Keywords whose value is data, not a schema: a `$ref` inside is a value like any other. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);
/** Keywords whose keys are names the user chose (a property may be called `enum` or `$ref`). */
const NAME_MAP_KEYWORDS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);

/**
 * The schema as Ajv compiles it: `$ref: '#/entities/<name>'` made
 * resolvable, and `x-` extensions and `discriminator` left out (annotations
 * for other tools, which strict mode would call unknown keywords).
 */
export function schemaForCompile(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => schemaForCompile(item, base));
  if (!isPlainObject(schema)) return schema;
  // fromEntries defines own properties, so a key `__proto__` stays data.
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !isIgnoredByValidators(key))
      .map(([key, value]) => {
        if (key === '$ref' && typeof value === 'string' && isEntityRef(value)) return [key, `${base}${value.slice(ENTITY_REF_PREFIX.length)}.json`];
        if (DATA_KEYWORDS.has(key)) return [key, value];
        if (NAME_MAP_KEYWORDS.has(key) && isPlainObject(value)) {
          return [key, Object.fromEntries(Object.entries(value).map(([name, subschema]) => [name, schemaForCompile(subschema, base)]))];
        }
        return [key, schemaForCompile(value, base)];
      }),
  );
}

const AT_PATH = / at (?:path )?"([^"]*)"/;

/**
 * Ajv strict-mode errors are thrown with the schema location in the text:
 * `… for keyword "properties" at "#/properties/a" (strictTypes)`. A problem
 * inside an entity reached through `$ref` is left to that entity's own check.
 */
function describeFailure(error: unknown): SchemaCompileFailure | null {
  const message = error instanceof Error ? error.message : String(error);
  const where = AT_PATH.exec(message)?.[1] ?? '#';
  const hashIndex = where.indexOf('#');
  const base = hashIndex > 0 ? where.slice(0, hashIndex) : '';
  // A problem inside an entity, or a reference to one that failed its own checks, is reported at the entity.
  const missingRef = (error as { missingRef?: unknown }).missingRef;
  if (base.startsWith(ENTITY_BASE) || (typeof missingRef === 'string' && missingRef.startsWith(ENTITY_BASE))) return null;
  return {
    pointer: decodePointer(hashIndex >= 0 ? where.slice(hashIndex) : '#'),
    keyword: keywordIn(message),
    message: message.replace(/^strict mode: /, '').replace(/ at (?:path )?"[^"]*"/, '').replace(/ ?\(strict\w+\)$/, ''),
  };
}

function keywordIn(message: string): string | undefined {
  if (/required property/.test(message)) return 'required';
  const quoted = /keyword "([^"]+)"/.exec(message) ?? /^strict mode: "([^"]+)"/.exec(message) ?? /unknown (format)/.exec(message);
  return quoted?.[1];
}
