import { readFileSync, statSync } from 'node:fs';
import { createDiagnostic, fileStartLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { rangeLocation, SourceFile } from './source-file.js';

/** Manifests past this size are refused before parsing (YAML parses at ~1.5 MB/s). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A failed read carries the text when there is one to show (a file in another encoding, decoded as well as it goes). */
export type ReadResult = { ok: true; text: string } | { ok: false; diagnostic: Diagnostic; text?: string };

export interface ReadOptions {
  readonly maxBytes: number;
  readonly what: string;
  readonly displayPath: string;
  readonly reportAt?: () => SourceLocation;
  /** Texts to use instead of the files on disk (`validate --fix` re-checks its edits before writing them). */
  readonly overrides?: ReadonlyMap<string, string>;
}

/**
 * Reads a manifest as text (UTF-8, or UTF-16/32 when a byte order mark says
 * so), refusing missing files, folders, files over the size limit and text
 * in another encoding with a diagnostic at `reportAt` (the referencing value,
 * located only when needed, or the file itself when it was named directly).
 */
export function readSource(path: string, options: ReadOptions): ReadResult {
  const override = options.overrides?.get(path);
  if (override !== undefined) return { ok: true, text: override };
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
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return fail('file-unreadable', { path: shown, reason: errorReason(error) }, at);
  }
  const decoded = decodeSource(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text };
  const location = decoded.offset === undefined ? fileStartLocation(path) : rangeLocation(new SourceFile(path, decoded.text), decoded.offset, decoded.offset + 1);
  const diagnostic = createDiagnostic('invalid-encoding', { detail: decoded.detail }, location, { message: decoded.fix });
  return decoded.text === '' ? { ok: false, diagnostic } : { ok: false, diagnostic, text: decoded.text };
}

function fail<C extends 'file-not-found' | 'file-unreadable' | 'file-too-large'>(
  code: C,
  params: Parameters<typeof createDiagnostic<C>>[1],
  at: () => SourceLocation,
): ReadResult {
  return { ok: false, diagnostic: createDiagnostic(code, params, at()) };
}

export type SourceEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'utf32le' | 'utf32be';

type Decoded =
  | { ok: true; text: string; encoding: SourceEncoding }
  | { ok: false; text: string; detail: string; fix: string; offset?: number };

const SAVE_AS_UTF8 = 'Save the file as UTF-8 (in VS Code: "Change File Encoding" in the status bar, then "Save with Encoding", "UTF-8").';

/**
 * The text of a manifest file: UTF-8 (a BOM is dropped), or UTF-16/UTF-32
 * when its byte order mark says so. UTF-16 without a BOM and bytes that are
 * not UTF-8 (a Latin-1 file) are told, located at the first such byte.
 */
export function decodeSource(bytes: Uint8Array): Decoded {
  const encoding = byteOrderMark(bytes);
  if (encoding !== 'utf8' && encoding !== 'utf8-bom') return { ok: true, text: decodeWide(bytes, encoding), encoding };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const body = encoding === 'utf8-bom' ? text.slice(1) : text;
  if (looksLikeUtf16(bytes)) {
    return { ok: false, text: '', detail: 'it looks like UTF-16 without a byte order mark (every other byte is 0)', fix: SAVE_AS_UTF8 };
  }
  const bad = firstUndecodable(bytes, body);
  if (bad >= 0) {
    const line = body.slice(0, bad).split('\n').length;
    return { ok: false, text: body, detail: `the byte at line ${line} is not valid UTF-8 (the file is probably Latin-1 or Windows-1252)`, fix: SAVE_AS_UTF8, offset: bad };
  }
  return { ok: true, text: body, encoding };
}

/** The text back in the encoding it was read in (for `validate --fix`), BOM included. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 'utf16le':
      return Buffer.from(`\ufeff${text}`, 'utf16le');
    case 'utf16be':
      return Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
    default: {
      const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
      const out = Buffer.alloc(points.length * 4);
      points.forEach((point, i) => (encoding === 'utf32le' ? out.writeUInt32LE(point, i * 4) : out.writeUInt32BE(point, i * 4)));
      return out;
    }
  }
}

/** The encoding a file was written in, for writing it back. */
export function sourceEncoding(bytes: Uint8Array): SourceEncoding {
  return byteOrderMark(bytes);
}

function byteOrderMark(b: Uint8Array): SourceEncoding {
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return 'utf32be';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return 'utf32le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf16le';
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf8-bom';
  return 'utf8';
}

function decodeWide(bytes: Uint8Array, encoding: SourceEncoding): string {
  const buffer = Buffer.from(bytes);
  if (encoding === 'utf16le') return buffer.subarray(2).toString('utf16le');
  if (encoding === 'utf16be') return Buffer.from(buffer.subarray(2)).swap16().toString('utf16le');
  let text = '';
  for (let i = 4; i + 3 < buffer.length; i += 4) {
    const point = encoding === 'utf32le' ? buffer.readUInt32LE(i) : buffer.readUInt32BE(i);
    text += point <= 0x10ffff ? String.fromCodePoint(point) : '\ufffd';
  }
  return text;
}

/** ASCII text in UTF-16 has a zero in every other byte; UTF-8 text never has a zero (YAML forbids NUL). */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const sample = Math.min(bytes.length, 64);
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) zeros++;
  return zeros * 3 >= sample;
}

/** The index of the first U+FFFD that stands for bytes that are not UTF-8 (not one the file really holds, EF BF BD), or -1. */
function firstUndecodable(bytes: Uint8Array, text: string): number {
  const skip = text.length < bytes.length && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let index = text.indexOf('\ufffd'); index >= 0; index = text.indexOf('\ufffd', index + 1)) {
    const offset = skip + Buffer.byteLength(text.slice(0, index), 'utf8');
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return index;
  }
  return -1;
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
