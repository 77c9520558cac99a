import type { LoadedManifest } from '../load/load-manifest.js';
import type { ManifestKind } from '../model/manifest-kind.js';
import { resolveInterfaces, type ExtendedInterface } from '../model/interface-extension.js';
import { toIntegrationModel, type IntegrationModel } from '../model/integration-model.js';
import { entriesOf, isPlainObject, propertyOf, stringPropertyOf, type PlainObject } from '../model/values.js';

type ReferenceLookup = (from: LoadedManifest, reference: string, kind: ManifestKind) => LoadedManifest | undefined;

/**
 * The model of an integration manifest that validated clean, with the
 * interfaces it extends merged in. The same for an integration generated on
 * its own and one a bot installs.
 */
export function integrationModelOf(manifest: LoadedManifest, lookup: ReferenceLookup): IntegrationModel {
  const value = manifest.value as PlainObject;
  const { manifest: resolved, extensions } = resolveInterfaces(value, extendedInterfaces(manifest, value, lookup));
  return toIntegrationModel(resolved, manifest.file.path, extensions);
}

function extendedInterfaces(manifest: LoadedManifest, value: PlainObject, lookup: ReferenceLookup): ExtendedInterface[] {
  const found: ExtendedInterface[] = [];
  for (const [alias, entry] of entriesOf(propertyOf(value, 'interfaces'))) {
    const from = stringPropertyOf(entry, 'from');
    const iface = from === undefined ? undefined : lookup(manifest, from, 'interface');
    if (iface && isPlainObject(iface.value)) found.push({ alias, value: iface.value, manifestPath: iface.file.path });
  }
  return found;
}
