/**
 * Picks the configuration an instance starts with and checks it against its
 * schema: the default one (`configurationType` absent or null) or a named one.
 */
import { checkValue } from './check.js';
import { ConfigurationError, UnknownNameError } from './errors.js';
import { copy, isPlainObject, own } from './values.js';
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
  const configuration = copy(options.configuration ?? {});
  const what = configurationType === null ? 'Invalid configuration' : `Invalid configuration ${JSON.stringify(configurationType)}`;
  if (!isPlainObject(configuration)) {
    throw new ConfigurationError(`${what}: configuration must be an object`, [{ path: 'configuration', message: 'must be an object' }]);
  }
  const validate = configurationType === null ? validators.configuration : own(validators.configurations, configurationType);
  checkValue(validate, configuration, 'configuration', what, ConfigurationError, redact);
  return { configurationType, configuration };
}
