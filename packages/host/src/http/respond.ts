/**
 * Writing responses: JSON bodies (`application/json; charset=utf-8`),
 * errors as `{ "error": { "code", "message", … } }`, and a webhook handler's
 * own status, headers and body as it returned them.
 */
import type { ServerResponse } from 'node:http';
import type { WebhookResult } from '@intc/runtime';
import type { HttpError } from './host-errors.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: { readonly [name: string]: string } = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** `message` has been redacted by whoever built the error. */
export function sendError(res: ServerResponse, error: HttpError, headers: { readonly [name: string]: string } = {}): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message, ...error.details } }, headers);
}

/** The handler's answer as it gave it; a header Node refuses (a bad name or value) makes it a 500. */
export function sendWebhookResult(res: ServerResponse, result: WebhookResult): void {
  const body = Buffer.from(result.body, 'utf8');
  const headers: { [name: string]: string } = { ...result.headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length);
  res.writeHead(result.status, headers);
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(html)) });
  res.end(res.req.method === 'HEAD' ? undefined : html);
}
