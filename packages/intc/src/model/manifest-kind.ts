import { basename } from 'node:path';

export type ManifestKind = 'integration' | 'interface' | 'bot';

export const MANIFEST_KINDS: readonly ManifestKind[] = ['integration', 'interface', 'bot'];

const MANIFEST_FILE_PATTERN = /(?:^|\.)(integration|interface|bot)\.(?:ya?ml|json)$/i;

/** `integration.yaml`, `telegram.integration.yml`, `bot.json`… tell their kind by name. */
export function kindFromFileName(path: string): ManifestKind | undefined {
  const match = MANIFEST_FILE_PATTERN.exec(basename(path));
  return match ? (match[1]!.toLowerCase() as ManifestKind) : undefined;
}

/** A manifest may also say what it is with a top-level `kind` field. */
export function kindFromValue(value: unknown): ManifestKind | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const kind = (value as Record<string, unknown>).kind;
  return MANIFEST_KINDS.find((k) => k === kind);
}
