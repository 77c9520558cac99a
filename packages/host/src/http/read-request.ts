/**
 * Reading a request: its body, up to a limit (a larger one is refused with
 * 413 as soon as its Content-Length or the bytes received pass the limit,
 * without reading the rest), and its headers as the runtime's webhook
 * request takes them. How long a client may take to send headers and body
 * is the server's `headersTimeout` and `requestTimeout` (host.ts): Node
 * answers 408 itself.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './host-errors.js';

/** The body as bytes; throws `HttpError` 413 past `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'body-too-large', `The request body is larger than ${formatBytes(maxBytes)} (the host's --max-body).`);
}

/** Header name (lower case) → value; repeated headers joined with `, ` as HTTP allows (cookies with `; `). */
export function headersOf(req: IncomingMessage): { [name: string]: string } {
  const headers: { [name: string]: string } = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    Object.defineProperty(headers, name, { value: Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value, enumerable: true });
  }
  return headers;
}

export function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** `1mb`, `512kb`, `1048576`, `2MiB` → bytes; undefined when it is not a size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const scale = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  const bytes = Math.floor(Number(match[1]) * scale);
  return bytes > 0 ? bytes : undefined;
}
