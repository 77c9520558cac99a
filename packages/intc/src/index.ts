/** The intc library: validate manifests, get located diagnostics and generated files back. No disk writes, no printing. */
export {
  generate,
  validate,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedBotProject,
  type GeneratedIntegrationProject,
  type GeneratedProject,
  type ValidateOptions,
  type ValidateResult,
} from './pipeline.js';
export type { GeneratedFile } from './emit/generated-file.js';
export type { ProjectLayout } from './generate/project-layout.js';
export type { IntegrationModel } from './model/integration-model.js';
export type { BotModel, InstallationModel, InstalledIntegration } from './model/bot-model.js';
export { diagnosticCodes, type DiagnosticCode, type Severity } from './diagnostics/codes.js';
export type { Diagnostic, SourceLocation, SourcePosition } from './diagnostics/diagnostic.js';
export { formatDiagnosticText, formatSummary, type TextFormatOptions } from './diagnostics/format-text.js';
export { formatDiagnosticsJson } from './diagnostics/format-json.js';
export type { LoadedManifest } from './load/load-manifest.js';
export { kindFromFileName, type ManifestKind } from './model/manifest-kind.js';
