/** The intc library: validate manifests and get located diagnostics back. No disk writes, no printing. */
export { validate, type ValidateOptions, type ValidateResult } from './pipeline.js';
export { diagnosticCodes, type DiagnosticCode, type Severity } from './diagnostics/codes.js';
export type { Diagnostic, SourceLocation, SourcePosition } from './diagnostics/diagnostic.js';
export { formatDiagnosticText, formatSummary, type TextFormatOptions } from './diagnostics/format-text.js';
export { formatDiagnosticsJson } from './diagnostics/format-json.js';
export type { LoadedManifest } from './load/load-manifest.js';
export { kindFromFileName, type ManifestKind } from './model/manifest-kind.js';
