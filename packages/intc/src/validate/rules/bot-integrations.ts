import type { ErrorObject } from 'ajv';
import { fixOf, type Fix } from '../../diagnostics/diagnostic.js';
import { closestMatch } from '../../diagnostics/did-you-mean.js';
import { quoteValue, renameKey, replaceValue } from '../../fix/source-edits.js';
import { describePath } from '../../diagnostics/describe-path.js';
import type { LoadedManifest } from '../../load/load-manifest.js';
import type { PathSegment } from '../../load/source-file.js';
import { describeTypes, describeValueType, entriesOf, isPlainObject, keysOf, propertyOf, stringPropertyOf } from '../../model/values.js';
import { decodePointer, toValuePath, valueAtPath } from '../json-pointer.js';
import { pruneAlternatives } from '../prune-ajv-errors.js';
import type { Rule, RuleContext } from '../rule-context.js';
import { YAML11_BOOLEAN, yaml11BooleanValue } from '../zod-spellings.js';
import { toCamelCase, toScreamingSnakeCase } from '../../model/naming.js';
import { placeholderTypeAt, WHOLE_PLACEHOLDER, type EntitySchemaOf } from '../../model/placeholder-types.js';

/** `${NAME}` placeholders, filled from the environment when the bot starts. */
const PLACEHOLDER = /\$\{([A-Z_][A-Z0-9_]*)\}/g;
/** String constraints a placeholder cannot be held to before it is filled. */
const STRING_CONSTRAINTS = new Set(['format', 'pattern', 'minLength', 'maxLength', 'enum', 'const']);

/**
 * Each installed integration exists, its `configurationType` is one of its
 * configurations, its `configuration` fits the selected schema (with
 * `${ENV}` placeholders allowed where a string is expected, and as a whole
 * value where a number, integer or boolean is: the runtime converts those,
 * model/placeholder-types.ts), and its `disabledChannels` are channels it has.
 */
export const checkBotIntegrations: Rule = (context) => {
  for (const [alias, installation] of entriesOf(propertyOf(context.manifest.value, 'integrations'))) {
    const at = ['integrations', alias];
    checkPlaceholders(context, propertyOf(installation, 'configuration'), [...at, 'configuration']);
    const reference = stringPropertyOf(installation, 'integration');
    if (reference === undefined) continue;
    const integration = context.resolveManifest(reference, 'integration', [...at, 'integration']);
    if (!integration) continue;
    const schema = selectConfigurationSchema(context, alias, installation, integration);
    if (schema !== undefined) checkConfiguration(context, alias, installation, integration, schema);
    checkDisabledChannels(context, alias, installation, integration);
  }
};

/** The schema the configuration must fit, or undefined when `configurationType` is unknown. */
function selectConfigurationSchema(context: RuleContext, alias: string, installation: unknown, integration: LoadedManifest): unknown {
  const type = stringPropertyOf(installation, 'configurationType');
  const configurations = keysOf(propertyOf(integration.value, 'configurations'));
  const defaultSchema = propertyOf(propertyOf(integration.value, 'configuration'), 'schema');
  if (type === undefined && defaultSchema === undefined && configurations.length > 0) {
    const detail = `has no configurationType, and integration '${integrationName(integration)}' has no default configuration`;
    const fix = fixOf(`Add \`configurationType:\` with one of ${configurations.map((c) => `'${c}'`).join(', ')}.`);
    context.report('invalid-configuration', { where: describePath(['integrations', alias]), detail }, ['integrations', alias], 'key', fix);
    return undefined;
  }
  if (type === undefined) return defaultSchema ?? EMPTY_CONFIGURATION;
  if (configurations.includes(type)) return propertyOf(propertyOf(propertyOf(integration.value, 'configurations'), type), 'schema');
  const at = ['integrations', alias, 'configurationType'];
  context.report(
    'unknown-configuration-type',
    { name: type, integration: integrationName(integration), available: configurations.length ? configurations.map((c) => `'${c}'`).join(', ') : 'none' },
    at,
    'value',
    choiceFix(context, closestMatch(type, configurations), configurations, at, 'configuration'),
  );
  return undefined;
}

/** An integration without a configuration takes none. */
const EMPTY_CONFIGURATION = { type: 'object', additionalProperties: false };

function checkConfiguration(context: RuleContext, alias: string, installation: unknown, integration: LoadedManifest, schema: unknown): void {
  const given = propertyOf(installation, 'configuration');
  // A configuration that is not an object is the meta-schema's to report.
  if (given !== undefined && !isPlainObject(given)) return;
  const configuration = given ?? {};
  let validate: ReturnType<RuleContext['compiler']['validatorFor']>;
  try {
    validate = context.compiler.validatorFor(integration, schema);
    if (validate(configuration)) return;
  } catch (error) {
    // The integration's schema passed its checks; anything Ajv still refuses is said here, not thrown.
    const detail = `cannot be checked: the integration's configuration schema is refused by Ajv (${error instanceof Error ? error.message : String(error)})`;
    context.report('invalid-configuration', { where: describePath(['integrations', alias, 'configuration']), detail }, ['integrations', alias, 'configuration'], 'key');
    return;
  }
  const base: PathSegment[] = ['integrations', alias, 'configuration'];
  const entityOf = entitySchemaOf(integration);
  for (const error of pruneAlternatives(validate.errors ?? [])) {
    const path = toValuePath(configuration, decodePointer(error.instancePath));
    const value = valueAtPath(configuration, path);
    // A malformed placeholder (`${my_url}`) is reported as such; its value is not held to the string's constraints either.
    if (STRING_CONSTRAINTS.has(error.keyword) && typeof value === 'string' && (hasPlaceholder(value) || value.includes('${'))) continue;
    // `appId: '${GITHUB_APP_ID}'` for an integer: the runtime converts the variable's text (the same walk finds it there).
    if (error.keyword === 'type' && typeof value === 'string' && WHOLE_PLACEHOLDER.test(value) && placeholderTypeAt(path, schema, entityOf) !== undefined) continue;
    reportConfigurationError(context, error, [...base, ...path], schemaPropertiesAt(error));
  }
}

function reportConfigurationError(context: RuleContext, error: ErrorObject, path: PathSegment[], allowed: string[]): void {
  const params = error.params as Record<string, unknown>;
  const file = context.manifest.file;
  const where = describePath(path);
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    const suggestion = closestMatch(name, allowed);
    const fix = suggestion
      ? fixOf(`Write '${suggestion}'.`, renameKey(file, [...path, name], suggestion))
      : fixOf(allowed.length > 0 ? `Remove it, or use one of the configuration's properties: ${allowed.join(', ')}.` : 'Remove it: this configuration takes no properties.');
    context.report('invalid-configuration', { where, detail: `has no property '${name}'` }, [...path, name], 'key', fix);
  } else if (error.keyword === 'required') {
    const name = String(params.missingProperty);
    const detail = `is missing required property '${name}'`;
    // `bot_token:` for `botToken:` (an open configuration schema lets the misspelt key through): rename it.
    const given = keysOf(error.data).filter((key) => !allowed.includes(key));
    const misspelt = given.find((key) => closestMatch(key, [name]) === name || toCamelCase(key) === name);
    const fix = misspelt
      ? fixOf(`Write '${name}' instead of '${misspelt}'.`, renameKey(file, [...path, misspelt], name))
      : fixOf(`Add \`${name}:\` (a value, or an \${ENV_VAR} placeholder).`);
    context.report('invalid-configuration', { where, detail }, path, 'key', fix);
  } else if (error.keyword === 'uniqueItems') {
    const { i, j } = params as { i: number; j: number };
    const repeat = Math.max(i, j);
    const repeated = JSON.stringify(valueAtPath(error.data, [repeat]));
    context.report('invalid-configuration', { where, detail: `lists ${repeated} more than once` }, [...path, repeat], 'value', fixOf(`Remove the second ${repeated}.`));
  } else if (error.keyword === 'enum') {
    const allowedValues = Array.isArray(params.allowedValues) ? params.allowedValues : [];
    const suggestion = typeof error.data === 'string' ? closestMatch(error.data, allowedValues.map(String)) : undefined;
    const fix = suggestion ? fixOf(`Write '${suggestion}'.`, replaceValue(file, path, suggestion)) : fixOf(`Write one of ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`);
    context.report('invalid-configuration', { where, detail: `must be one of ${allowedValues.map((v) => JSON.stringify(v)).join(', ')}` }, path, 'value', fix);
  } else if (error.keyword === 'type') {
    const actual = describeValueType(error.data);
    const hint = typeof error.data === 'string' && hasPlaceholder(error.data) ? placeholderHint(error.data, params.type) : '';
    context.report('invalid-configuration', { where, detail: `must be ${describeTypes(params.type)}, but is ${actual}${hint}` }, path, 'value', configurationTypeFix(context, path, params.type, error.data));
  } else if (error.keyword === 'format') {
    const format = String(params.format);
    const example = Object.hasOwn(FORMAT_EXAMPLES, format) ? FORMAT_EXAMPLES[format] : undefined;
    const fix = fixOf(example ? `Write the whole value, such as \`${example}\`, or an \${ENV_VAR} placeholder.` : `Write a value in the ${format} format, or an \${ENV_VAR} placeholder.`);
    context.report('invalid-configuration', { where, detail: error.message ?? 'is invalid' }, path, 'value', fix);
  } else {
    context.report('invalid-configuration', { where, detail: error.message ?? 'is invalid' }, path);
  }
}

/** A value of each common format, for the fix. */
const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  uri: 'https://example.com/hook',
  url: 'https://example.com/hook',
  email: 'support@example.com',
  'date-time': '2024-05-01T12:00:00Z',
  date: '2024-05-01',
  time: '12:00:00Z',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  hostname: 'api.example.com',
  ipv4: '192.0.2.1',
};

/** YAML read the value as another type than the schema wants: `on` for a boolean, `01234` for a string. */
function configurationTypeFix(context: RuleContext, path: PathSegment[], type: unknown, data: unknown): Fix | undefined {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',');
  const file = context.manifest.file;
  if (types.includes('boolean') && typeof data === 'string' && YAML11_BOOLEAN.test(data)) {
    const flag = yaml11BooleanValue(data);
    return fixOf(`Write \`${flag}\`: YAML 1.2 reads '${data}' as text (only true and false are booleans).`, replaceValue(file, path, flag));
  }
  if (types.includes('string') && (typeof data === 'number' || typeof data === 'boolean')) {
    const edit = quoteValue(file, path);
    const written = edit?.replacement ?? `'${String(data)}'`;
    const lost = typeof data === 'number' && edit && edit.replacement.slice(1, -1) !== String(data) ? ` (YAML reads ${edit.replacement.slice(1, -1)} as the number ${String(data)})` : '';
    return fixOf(`Put it in quotes: \`${written}\`${lost}.`, edit);
  }
  if ((types.includes('number') || types.includes('integer')) && typeof data === 'string' && /^-?\d+(\.\d+)?$/.test(data)) {
    return fixOf(`Remove the quotes: \`${data}\`.`, replaceValue(file, path, Number(data)));
  }
  return undefined;
}

function choiceFix(context: RuleContext, suggestion: string | undefined, names: readonly string[], at: PathSegment[], what: string): Fix {
  if (suggestion) return fixOf(`Write '${suggestion}'.`, replaceValue(context.manifest.file, at, suggestion));
  return fixOf(names.length > 0 ? `Use one of the integration's ${what}s: ${names.join(', ')}.` : `Remove it: the integration has no ${what}s.`);
}

function schemaPropertiesAt(error: ErrorObject): string[] {
  return keysOf(propertyOf(error.parentSchema, 'properties'));
}

function checkDisabledChannels(context: RuleContext, alias: string, installation: unknown, integration: LoadedManifest): void {
  const disabled = propertyOf(installation, 'disabledChannels');
  if (!Array.isArray(disabled)) return;
  const channels = keysOf(propertyOf(integration.value, 'channels'));
  disabled.forEach((channel, index) => {
    if (typeof channel !== 'string' || channels.includes(channel)) return;
    const at = ['integrations', alias, 'disabledChannels', index];
    const available = channels.length ? channels.map((c) => `'${c}'`).join(', ') : 'none';
    context.report('unknown-channel', { name: channel, integration: integrationName(integration), available }, at, 'value', choiceFix(context, closestMatch(channel, channels), channels, at, 'channel'));
  });
}

/** Every string in the configuration uses only well-formed `${NAME}` placeholders. */
function checkPlaceholders(context: RuleContext, value: unknown, path: PathSegment[]): void {
  if (typeof value === 'string') {
    if (value.replace(PLACEHOLDER, '').includes('${')) context.report('invalid-placeholder', { value }, path, 'value', placeholderFix(context, path, value));
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkPlaceholders(context, item, [...path, index]));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) checkPlaceholders(context, child, [...path, key]);
  }
}

/** `${my_url}` → `${MY_URL}`, `${ TOKEN }` → `${TOKEN}`, when that makes every placeholder well formed. */
function placeholderFix(context: RuleContext, path: PathSegment[], value: string): Fix | undefined {
  const fixed = value.replace(/\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g, (_, name: string) => `\${${toScreamingSnakeCase(name.replace(/[.-]/g, '_'))}}`);
  if (fixed === value || fixed.replace(PLACEHOLDER, '').includes('${')) return undefined;
  return fixOf(`Write '${fixed}'.`, replaceValue(context.manifest.file, path, fixed));
}

/** Why a placeholder cannot fill this field. */
function placeholderHint(value: string, type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : String(type).split(',');
  if (types.some((t) => t === 'number' || t === 'integer' || t === 'boolean') && !WHOLE_PLACEHOLDER.test(value)) {
    return ` (a placeholder fills ${describeTypes(type)} field only as the whole value, such as '\${PORT}')`;
  }
  return ' (${ENV} placeholders fill text, and whole number, integer or boolean values)';
}

function entitySchemaOf(integration: LoadedManifest): EntitySchemaOf {
  return (name) => propertyOf(propertyOf(propertyOf(integration.value, 'entities'), name), 'schema');
}

function hasPlaceholder(value: string): boolean {
  return value.replace(PLACEHOLDER, '') !== value;
}

function integrationName(integration: LoadedManifest): string {
  return stringPropertyOf(integration.value, 'name') ?? integration.file.path;
}
