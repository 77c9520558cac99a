import { readFileSync, statSync } from 'node:fs';
import { createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';

/** Manifests past this size are refused before parsing (YAML parses at ~1.5 MB/s). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/**
 * Reads a manifest as UTF-8 text, refusing missing files, folders and files
 * over the size limit with a diagnostic at `reportAt` (the referencing value,
 * located only when needed, or the file itself when it was named directly).
 */
export function readSource(
  path: string,
  options: { maxBytes: number; what: string; displayPath: string; reportAt?: () => SourceLocation },
): ReadResult {
  const at = () => options.reportAt?.() ?? fileStartLocation(path);
  const shown = options.displayPath;
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      return fail('file-unreadable', { path: shown, reason: stats.isDirectory() ? 'it is a folder' : 'it is not a regular file' }, at);
    }
    size = stats.size;
  } catch (error) {
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') {
      return fail('file-not-found', { path: shown, what: options.what }, at);
    }
    return fail('file-unreadable', { path: shown, reason: errorReason(error) }, at);
  }
  if (size > options.maxBytes) {
    return fail('file-too-large', { size: formatBytes(size), limit: formatBytes(options.maxBytes) }, at);
  }
  try {
    return { ok: true, text: stripByteOrderMark(readFileSync(path, 'utf8')) };
  } catch (error) {
    return fail('file-unreadable', { path: shown, reason: errorReason(error) }, at);
  }
}

function fail<C extends 'file-not-found' | 'file-unreadable' | 'file-too-large'>(
  code: C,
  params: Parameters<typeof createDiagnostic<C>>[1],
  at: () => SourceLocation,
): ReadResult {
  return { ok: false, diagnostic: createDiagnostic(code, params, at()) };
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function errorReason(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
