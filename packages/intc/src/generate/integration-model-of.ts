import type { LoadedManifest } from '../load/load-manifest.js';
import type { ManifestKind } from '../model/manifest-kind.js';
import { interfaceEntries, resolveInterfaces, type ExtendedInterface } from '../model/interface-extension.js';
import { toIntegrationModel, type IntegrationModel } from '../model/integration-model.js';
import { isPlainObject, type PlainObject } from '../model/values.js';

/** The manifest a reference in `from` names (a bot's integration, an integration's interface), if it loaded clean. */
export type ReferenceLookup = (from: LoadedManifest, reference: string, kind: ManifestKind) => LoadedManifest | undefined;

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
  const entries = interfaceEntries(value, (from) => {
    const iface = lookup(manifest, from, 'interface');
    return iface && isPlainObject(iface.value) ? { value: iface.value, manifestPath: iface.file.path } : undefined;
  });
  return entries.map(({ alias, iface }) => ({ alias, ...iface }));
}
