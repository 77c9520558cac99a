/**
 * The resolved bot every bot emitter reads: the validated bot manifest with
 * each alias's installed integration (its model, interfaces resolved),
 * configuration choice and channels, sorted by alias; plus the distinct
 * integrations it installs, each with the folder its types go to.
 */
import { compareNames, type Documented, type IntegrationModel } from './integration-model.js';
import { placeholderTypes, type PlaceholderType } from './placeholder-types.js';
import { entriesOf, isPlainObject, propertyOf, stringPropertyOf, type PlainObject } from './values.js';

/** One alias of `integrations:` in bot.yaml. */
export interface InstallationModel {
  readonly alias: string;
  /** The reference as bot.yaml writes it (a manifest file or a folder, relative to bot.yaml). */
  readonly reference: string;
  readonly integration: InstalledIntegration;
  /** `enabled: false` installations are kept here (and in definition.json) but typed nowhere. */
  readonly enabled: boolean;
  /** null: the default `configuration`. */
  readonly configurationType: string | null;
  /** As written, `${NAME}` placeholders included (filled when the bot starts). */
  readonly configuration: PlainObject;
  /** Sorted. */
  readonly disabledChannels: readonly string[];
  /** The integration's channels minus the disabled ones, sorted. */
  readonly enabledChannels: readonly string[];
  /** JSON pointer → the type a whole-value placeholder there is converted to (number, integer, boolean fields), sorted. */
  readonly placeholderTypes: Readonly<Record<string, PlaceholderType>>;
}

/** One integration manifest the bot installs, however many aliases install it. */
export interface InstalledIntegration {
  readonly model: IntegrationModel;
  /**
   * Its folder below `integrations/` in the generated folder: the
   * integration's name with `/` (a handle) written `__`; when two different
   * manifests have the same name, the one installed under the alias that
   * sorts first keeps the plain name and the others get `_2`, `_3`… (names
   * never hold `_`, so no suffixed folder can meet another integration's).
   */
  readonly folder: string;
}

export interface BotModel extends Documented {
  /** Absolute path of bot.yaml. */
  readonly manifestPath: string;
  readonly name: string | undefined;
  /** Sorted by alias. */
  readonly installations: readonly InstallationModel[];
  /** The distinct integrations of the installations, sorted by folder. */
  readonly integrations: readonly InstalledIntegration[];
}

/** Resolves one alias's reference to the model of the integration it names (validation has proved it loads). */
export type InstalledModelOf = (alias: string, reference: string) => IntegrationModel;

/** Builds the model of a bot manifest that passed validation (it trusts the shape). */
export function toBotModel(manifest: PlainObject, manifestPath: string, installedModelOf: InstalledModelOf): BotModel {
  const installs = entriesOf(propertyOf(manifest, 'integrations'))
    .sort(([a], [b]) => compareNames(a, b))
    .map(([alias, value]) => {
      const reference = stringPropertyOf(value, 'integration') ?? '';
      return { alias, value, reference, model: installedModelOf(alias, reference) };
    });
  const folders = integrationFolders(installs.map((i) => i.model));
  const integrations = new Map<IntegrationModel, InstalledIntegration>();
  for (const model of new Set(installs.map((i) => i.model))) integrations.set(model, { model, folder: folders.get(model)! });
  return {
    manifestPath,
    name: stringPropertyOf(manifest, 'name'),
    ...documented(manifest),
    installations: installs.map(({ alias, value, reference, model }) => installationModel(alias, reference, value, integrations.get(model)!)),
    integrations: [...integrations.values()].sort((a, b) => compareNames(a.folder, b.folder)),
  };
}

function installationModel(alias: string, reference: string, value: unknown, integration: InstalledIntegration): InstallationModel {
  const disabled = propertyOf(value, 'disabledChannels');
  const disabledChannels = (Array.isArray(disabled) ? disabled.filter((c): c is string => typeof c === 'string') : []).sort(compareNames);
  const configuration = propertyOf(value, 'configuration');
  const configurationType = stringPropertyOf(value, 'configurationType') ?? null;
  const given = isPlainObject(configuration) ? configuration : {};
  return {
    alias,
    reference,
    integration,
    enabled: propertyOf(value, 'enabled') !== false,
    configurationType,
    configuration: given,
    disabledChannels,
    enabledChannels: integration.model.channels.map((c) => c.name).filter((c) => !disabledChannels.includes(c)),
    placeholderTypes: placeholderTypes(given, configurationSchema(integration.model, configurationType), (name) =>
      integration.model.entities.find((entity) => entity.name === name)?.schema,
    ),
  };
}

/** The schema the installation's configuration is checked against. */
function configurationSchema(model: IntegrationModel, configurationType: string | null): unknown {
  return configurationType === null ? model.configuration : model.configurations.find((c) => c.name === configurationType)?.schema;
}

/**
 * The folder of each distinct integration, in the order of first
 * installation (the models come sorted by alias), so adding an alias that
 * sorts later never renames an existing folder.
 */
function integrationFolders(models: readonly IntegrationModel[]): Map<IntegrationModel, string> {
  const folders = new Map<IntegrationModel, string>();
  const taken = new Set<string>();
  for (const model of models) {
    if (folders.has(model)) continue;
    const base = model.name.replace(/\//g, '__');
    let folder = base;
    for (let n = 2; taken.has(folder); n++) folder = `${base}_${n}`;
    taken.add(folder);
    folders.set(model, folder);
  }
  return folders;
}

function documented(value: unknown): Documented {
  const title = stringPropertyOf(value, 'title');
  const description = stringPropertyOf(value, 'description');
  return { ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }) };
}
