/**
 * What each route does with its target, and how what goes wrong becomes a
 * status: an action's bad input is 400 with the field's path (the handler
 * was not called), an unknown target or action 404, a declared action without a
 * handler 501, a handler that throws (or returns an output its schema
 * refuses) 500, a handler slower than the time limit 504. Every message is
 * passed through the target's redactor (its secrets, and the secret-marked
 * fields it has seen). Runtime errors are told apart by `name`: they come
 * from the user's copy of the runtime.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './host-errors.js';
import type { StartedProject, Target } from './project-loader.js';
import { headersOf, readBody } from './read-request.js';
import { sendJson, sendWebhookResult } from './respond.js';
import type { Route } from './router.js';

export interface DispatchLimits {
  readonly maxBodyBytes: number;
  /** How long a handler may run before the request is answered 504 (it keeps running). */
  readonly handlerTimeoutMs: number;
}

/** What the request log says about a request besides its status. */
export interface Dispatched {
  readonly target?: Target;
  readonly action?: string;
}

type TargetRoute = Extract<Route, { readonly target: string }>;

/** Answers a route that names a target; throws `HttpError` for the answers that are errors. */
export async function dispatchToTarget(route: TargetRoute, req: IncomingMessage, res: ServerResponse, project: StartedProject, limits: DispatchLimits): Promise<void> {
  const target = project.targets.get(route.target);
  if (target === undefined) throw unknownTarget(route.target, project);
  switch (route.kind) {
    case 'webhook': {
      const body = await readBody(req, limits.maxBodyBytes);
      const request = { method: req.method ?? 'POST', path: route.path, query: route.query, headers: headersOf(req), body: body.length === 0 ? undefined : body.toString('utf8') };
      const result = await run(target, limits, 'webhook handler', () => target.instance.handleWebhook(request));
      sendWebhookResult(res, result);
      return;
    }
    case 'action': {
      if (!target.actions.includes(route.action)) throw unknownAction(route.action, target);
      const input = parseInput(await readBody(req, limits.maxBodyBytes));
      const output = await run(target, limits, `action ${JSON.stringify(route.action)}`, () => target.instance.callAction(route.action, input));
      sendJson(res, 200, output ?? null);
      return;
    }
    case 'register':
      await readBody(req, limits.maxBodyBytes);
      await run(target, limits, 'register handler', () => target.instance.register());
      sendJson(res, 200, { registered: target.name, webhookUrl: target.instance.webhookUrl });
      return;
    case 'unregister':
      await readBody(req, limits.maxBodyBytes);
      await run(target, limits, 'unregister handler', () => target.instance.unregister());
      sendJson(res, 200, { unregistered: target.name });
      return;
  }
}

export function unknownTarget(name: string, project: StartedProject): HttpError {
  const known = [...project.targets.keys()];
  const list = known.length === 0 ? 'The host runs none.' : `It runs: ${known.join(', ')}.`;
  return new HttpError(404, 'unknown-target', `No integration or bot alias is named ${JSON.stringify(name)}. ${list}`);
}

function unknownAction(action: string, target: Target): HttpError {
  const list = target.actions.length === 0 ? 'It has none.' : `It has: ${target.actions.join(', ')}.`;
  return new HttpError(404, 'unknown-action', `${JSON.stringify(target.name)} (integration ${JSON.stringify(target.integration)}) has no action ${JSON.stringify(action)}. ${list}`);
}

/** An action's input: the body as JSON (an empty body is `{}`). */
function parseInput(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON: send the action input as a JSON object.', { path: 'input' });
  }
}

/** Runs a handler call within the time limit, turning what it throws into the status it means. */
async function run<T>(target: Target, limits: DispatchLimits, what: string, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const running = call();
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(504, 'handler-timeout', `The ${what} of ${JSON.stringify(target.name)} did not finish within ${limits.handlerTimeoutMs} ms.`)), limits.handlerTimeoutMs);
  });
  // The handler keeps running past a timeout; what it throws then is not unhandled.
  running.catch(() => {});
  try {
    return await Promise.race([running, timeout]);
  } catch (error) {
    throw error instanceof HttpError ? error : handlerError(error, target);
  } finally {
    clearTimeout(timer);
  }
}

interface RuntimeErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

export function handlerError(error: unknown, target: Target): HttpError {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as RuntimeErrorShape;
  const message = target.instance.redact(typeof shape.message === 'string' ? shape.message : String(error));
  switch (shape.name) {
    case 'InputValidationError': {
      const issues = (shape.issues ?? []).map((issue) => ({ path: target.instance.redact(issue.path), message: target.instance.redact(issue.message) }));
      return new HttpError(400, 'invalid-input', message, { path: issues[0]?.path ?? 'input', issues });
    }
    case 'MissingHandlerError':
      return new HttpError(501, 'missing-handler', message);
    case 'OutputValidationError':
      return new HttpError(500, 'invalid-output', message);
    default:
      return new HttpError(500, 'handler-error', message);
  }
}
