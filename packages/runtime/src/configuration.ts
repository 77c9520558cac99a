/**
 * Picks the configuration an instance starts with and parses it with its
 * schema (defaults filled in, unknown properties stripped): the default one
 * (`configurationType` absent or null) or a named one.
 */
import { parseChecked } from './check.js';
import { ConfigurationError, UnknownNameError } from './errors.js';
import { isPlainObject, own } from './values.js';
import type { Validators } from './validators.js';

export interface SelectedConfiguration {
  readonly configurationType: string | null;
  readonly configuration: unknown;
}

export function selectConfiguration(
  options: { readonly configurationType?: string | null; readonly configuration?: unknown },
  names: readonly string[],
  validators: Validators,
  redact: (text: string) => string,
): SelectedConfiguration {
  const configurationType = options.configurationType ?? null;
  if (configurationType !== null && !names.includes(configurationType)) {
    throw new UnknownNameError('configuration', configurationType, names, ' (configurationType; null picks the default configuration)');
  }
  const given = options.configuration ?? {};
  const what = configurationType === null ? 'Invalid configuration' : `Invalid configuration ${JSON.stringify(configurationType)}`;
  if (!isPlainObject(given)) {
    throw new ConfigurationError(`${what}: configuration must be an object`, [{ path: 'configuration', message: 'must be an object' }]);
  }
  const validate = configurationType === null ? validators.configuration : own(validators.configurations, configurationType);
  const configuration = parseChecked(validate, given, 'configuration', what, ConfigurationError, redact);
  return { configurationType, configuration };
}
