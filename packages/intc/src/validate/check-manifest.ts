import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedManifest } from '../load/load-manifest.js';
import type { ManifestKind } from '../model/manifest-kind.js';
import { checkEmbeddedSchemas } from './check-embedded-schemas.js';
import { checkMetaSchema } from './meta-schema.js';
import { createRuleContext, type ManifestResolver, type Rule } from './rule-context.js';
import { checkBotIntegrations } from './rules/bot-integrations.js';
import { checkDescriptions } from './rules/descriptions.js';
import { checkInterfaceConformance } from './rules/interface-conformance.js';
import { checkInterfaceImplementations } from './rules/interface-implementations.js';
import { checkNameCollisions } from './rules/name-collisions.js';
import { checkNaming } from './rules/naming.js';
import { checkReferencedFiles } from './rules/referenced-files.js';
import { checkRenamedFrom } from './rules/renamed-from.js';
import type { SchemaCompiler } from './schema-compiler.js';

const RULES: Record<ManifestKind, readonly Rule[]> = {
  integration: [checkNaming, checkNameCollisions, checkReferencedFiles, checkInterfaceImplementations, checkInterfaceConformance, checkDescriptions, checkRenamedFrom],
  interface: [checkNaming, checkNameCollisions, checkReferencedFiles, checkDescriptions],
  bot: [checkNaming, checkNameCollisions, checkBotIntegrations],
};

/**
 * Every layer after parsing, for one manifest: meta-schema, embedded
 * schemas, then the semantic rules. Rules read the value defensively, so
 * all layers run and every problem is reported in one pass.
 */
export function checkManifest(manifest: LoadedManifest, resolver: ManifestResolver, compiler: SchemaCompiler): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const meta = checkMetaSchema(manifest);
  const context = createRuleContext(manifest, resolver, compiler, diagnostics, meta.errorPaths);
  diagnostics.push(...meta.diagnostics);
  checkEmbeddedSchemas(context, meta.errorPaths);
  for (const rule of RULES[manifest.kind]) rule(context);
  return diagnostics;
}
