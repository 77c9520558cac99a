import { LineCounter, parseDocument, visit, isAlias, type YAMLError } from 'yaml';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { rangeLocation, type SourceFile } from './source-file.js';

/** Alias expansions allowed per document before it is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedSource {
  readonly file: SourceFile;
  /** The plain value; undefined when the file has syntax errors or is empty. */
  readonly value: unknown;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses YAML or JSON (YAML 1.2 is a superset of JSON, so one parser gives
 * positions for both). Duplicate keys, bad indentation, unresolved tags and
 * alias bombs become diagnostics; a file with any of them yields no value.
 */
export function parseYaml(path: string, text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const file: SourceFile = { path, text, lineCounter, document };
  const diagnostics = [...document.errors, ...document.warnings].map((error) => yamlErrorToDiagnostic(file, error));
  if (diagnostics.length > 0) return { file, value: undefined, diagnostics };
  if (document.contents === null) {
    return { file, value: undefined, diagnostics: [createDiagnostic('empty-manifest', {}, rangeLocation(file, 0, 0))] };
  }
  try {
    return { file, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return { file, value: undefined, diagnostics: [aliasLimitDiagnostic(file)] };
    }
    throw error;
  }
}

function yamlErrorToDiagnostic(file: SourceFile, error: YAMLError): Diagnostic {
  const [start, end] = error.pos;
  const location = rangeLocation(file, start, end);
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return createDiagnostic('duplicate-key', { key: keyAt(file.text, start, end) }, location);
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_DIRECTIVE':
    case 'BAD_ALIAS':
      return createDiagnostic('yaml-unsupported', { detail: firstLine(error.message) }, location);
    default:
      return createDiagnostic('yaml-syntax', { detail: firstLine(error.message) }, location);
  }
}

/** The alias bomb is reported at its first alias, where the expansion starts. */
function aliasLimitDiagnostic(file: SourceFile): Diagnostic {
  let offsets: [number, number] = [0, 0];
  visit(file.document, {
    Alias(_, node) {
      if (isAlias(node) && node.range) {
        offsets = [node.range[0], node.range[1]];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return createDiagnostic('alias-limit', { limit: MAX_ALIAS_COUNT }, rangeLocation(file, offsets[0], offsets[1]));
}

function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, Math.max(start, end)).split(/[:\n]/)[0] ?? '';
  return raw.trim().replace(/^["']|["']$/g, '') || raw;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
