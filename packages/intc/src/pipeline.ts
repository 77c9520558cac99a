import { countErrors, createDiagnostic, fileStartLocation, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import type { GeneratedFile } from './emit/generated-file.js';
import { botModelOf } from './generate/bot-model-of.js';
import { emitBot } from './generate/emit-bot.js';
import { emitIntegration, type EmitOptions } from './generate/emit-integration.js';
import { projectLayout, type LayoutOptions, type ProjectLayout } from './generate/project-layout.js';
import type { LoadedManifest } from './load/load-manifest.js';
import { integrationModelOf, type ReferenceLookup } from './generate/integration-model-of.js';
import type { BotModel } from './model/bot-model.js';
import type { IntegrationModel } from './model/integration-model.js';
import { isPlainObject } from './model/values.js';
import { Program, type ProgramOptions } from './program.js';

export type ValidateOptions = ProgramOptions;

export interface ValidateResult {
  /** Every problem found, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** The text of every file read, keyed by absolute path (for code frames). */
  readonly sources: ReadonlyMap<string, string>;
  /** The manifests named, as loaded (their values are trustworthy only without errors). */
  readonly manifests: readonly LoadedManifest[];
  /** Every file the manifests read, their own and the ones they reference (for watch and caching). */
  readonly inputFiles: readonly string[];
  /** The manifest a reference in `from` names (a bot's integration, an integration's interface), if it loaded clean. */
  readonly referencedManifest: ReferenceLookup;
}

/**
 * Validates manifests and everything they reference: load (read, parse,
 * classify) → meta-schema → embedded schemas → semantic rules. Never prints
 * and never exits; problems come back as diagnostics.
 */
export function validate(paths: readonly string[], options: ValidateOptions = {}): ValidateResult {
  const program = new Program(options);
  for (const path of paths) program.addRoot(path);
  return {
    diagnostics: sortDiagnostics(program.diagnostics),
    sources: program.sources,
    manifests: program.roots,
    inputFiles: [...program.sources.keys()].sort(),
    referencedManifest: (from, reference, kind) => program.referencedManifest(from, reference, kind),
  };
}

export type GenerateOptions = ValidateOptions & LayoutOptions & EmitOptions;

/** The tool-owned output of one manifest: an integration's or a bot's (`kind` tells which `model` it has). */
export type GeneratedProject = GeneratedIntegrationProject | GeneratedBotProject;

export interface GeneratedIntegrationProject {
  readonly kind: 'integration';
  readonly layout: ProjectLayout;
  readonly model: IntegrationModel;
  readonly files: readonly GeneratedFile[];
}

export interface GeneratedBotProject {
  readonly kind: 'bot';
  readonly layout: ProjectLayout;
  readonly model: BotModel;
  readonly files: readonly GeneratedFile[];
}

export interface GenerateResult extends ValidateResult {
  /** Empty when validation found errors: nothing is generated from a manifest that failed. */
  readonly projects: readonly GeneratedProject[];
}

/**
 * validate → model → emit. Pure apart from reading the manifests: the files
 * come back as data, and `write/` puts them on disk.
 */
export async function generate(paths: readonly string[], options: GenerateOptions = {}): Promise<GenerateResult> {
  const validated = validate(paths, options);
  if (countErrors(validated.diagnostics) > 0) return { ...validated, projects: [] };
  const projects: GeneratedProject[] = [];
  const notices: Diagnostic[] = [];
  for (const manifest of validated.manifests) {
    if (manifest.kind === 'bot' && isPlainObject(manifest.value)) {
      const model = botModelOf(manifest, validated.referencedManifest);
      projects.push({ kind: 'bot', layout: projectLayout(manifest.file.path, options), model, files: await emitBot(model) });
      continue;
    }
    if (manifest.kind !== 'integration' || !isPlainObject(manifest.value)) {
      notices.push(createDiagnostic('not-generated', { kind: manifest.kind }, fileStartLocation(manifest.file.path)));
      continue;
    }
    const model = integrationModelOf(manifest, validated.referencedManifest);
    projects.push({
      kind: 'integration',
      layout: projectLayout(manifest.file.path, options),
      model,
      files: await emitIntegration(model, options, validated.sources.get(manifest.file.path)),
    });
  }
  return { ...validated, diagnostics: sortDiagnostics([...validated.diagnostics, ...notices]), projects };
}
