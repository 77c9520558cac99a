/**
 * The dev console's API (`intc dev` only), under `/_intc/api/`:
 *
 *   GET  project                        the targets: name, kind, unit, integration, webhook URL, actions, disabled
 *                                       channels, definition
 *   GET  conversations|users|events|states?target=<name>[&limit=<n>]   the latest records of a target, oldest first
 *   GET  messages?target=<name>[&conversationId=<id>][&limit=<n>]
 *   POST messages   { target, channel, conversationId | conversationTags, userId | userTags? + userName?, type, payload }
 *                   a message from a user, as the integration would create it (the bot's handlers run)
 *                   → { conversation, user, message }
 *   POST outgoing   { target, channel, conversationId | conversationTags, type, payload }
 *                   a message from the bot, handed to the integration's channel handler → { conversation }
 *                   (refused for a channel the bot disables, as the bot's client refuses it)
 *   GET  stream     Server-Sent Events: `message`, `event`, `state` (a record stored), `outgoing` (a message
 *                   a channel handler handled: the bot's replies, with `error` when it threw), `log` ({ unit, level, line }: a line a
 *                   unit's handlers logged, redacted by the runtime), `reload` ({ ok, error? })
 *
 * Errors are the host's (`{ error: { code, message, path?, issues? } }`): a
 * payload that does not fit its schema is 400 with the field's path. Data
 * comes back as stored (this is the developer's own database, served on
 * 127.0.0.1 by default); logs stay redacted. A POST must be
 * `application/json` and not come from another site (`Sec-Fetch-Site`), so
 * a web page the developer visits cannot post to the console (a form's
 * cross-site POST needs no CORS preflight). The page itself is
 * console/page.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogLevel, LogSink } from '@intc/runtime';
import type { StoreClient } from '../store/store-client.js';
import { HttpError } from './host-errors.js';
import { handlerError, unknownTarget } from './dispatch.js';
import type { StartedProject, Target } from './project-loader.js';
import { readBody } from './read-request.js';
import { sendJson } from './respond.js';

/** Records listed when `limit` is not given, and at most. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const HEARTBEAT_MS = 15_000;

export interface LoadStatus {
  readonly loaded: boolean;
  /** The last load's error (the code served is the last good one). */
  readonly error?: string;
}

export class DevConsole {
  readonly #streams = new Set<ServerResponse>();
  #heartbeat: NodeJS.Timeout | undefined;

  /** Publishes what the client stores: called for every client before the project starts on it. */
  observe(target: string, client: StoreClient): void {
    client.onCreated((created) => {
      if (created.kind === 'message') this.publish('message', { target, message: created.message });
      else this.publish('event', { target, event: created.event });
    });
    client.onStateChanged((state) => this.publish('state', { target, state }));
  }

  /** Publishes each message the target's channel handlers were given (the bot's replies), once handled: with the error when it failed. */
  watchOutgoing(target: Target): void {
    const instance = target.instance as unknown as { handleMessage(outgoing: OutgoingShape): Promise<void> };
    const original = instance.handleMessage.bind(instance);
    Object.defineProperty(instance, 'handleMessage', {
      value: async (outgoing: OutgoingShape) => {
        const sent = { target: target.name, channel: outgoing.channel, type: outgoing.type, conversationId: outgoing.conversation.id, payload: outgoing.payload };
        try {
          await original(outgoing);
        } catch (error) {
          this.publish('outgoing', { ...sent, error: target.instance.redact(error instanceof Error ? error.message : String(error)) });
          throw error;
        }
        this.publish('outgoing', sent);
      },
    });
  }

  /** The sink, also publishing each line (redacted by the runtime before it reaches a sink). */
  teeLog(unit: string, sink: LogSink): LogSink {
    const write = typeof sink === 'function' ? sink : (level: LogLevel, line: string) => sink[level](line);
    return (level, line) => {
      this.publish('log', { unit, level, line });
      write(level, line);
    };
  }

  publish(event: string, data: unknown): void {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of this.#streams) stream.write(frame);
  }

  /** Ends every event stream (at shutdown: they would hold the server open). */
  closeStreams(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
  }

  async handle(endpoint: string, query: URLSearchParams, req: IncomingMessage, res: ServerResponse, project: StartedProject | undefined, status: LoadStatus): Promise<void> {
    const method = req.method ?? 'GET';
    if (endpoint === 'project' && method === 'GET') return sendJson(res, 200, projectOf(project, status));
    if (endpoint === 'stream' && method === 'GET') return this.#stream(res);
    if (project === undefined) throw new HttpError(503, 'not-loaded', `The project has not loaded yet${status.error === undefined ? '' : `: ${status.error}`}`);
    if (method === 'POST' && (endpoint === 'messages' || endpoint === 'outgoing')) {
      refuseOtherSites(req);
      const input = await readInput(req);
      return sendJson(res, 200, await (endpoint === 'messages' ? incomingMessage : outgoingMessage)(input, project));
    }
    const list = Object.hasOwn(LISTS, endpoint) ? LISTS[endpoint] : undefined;
    if (list === undefined || method !== 'GET') throw new HttpError(404, 'not-found', `No dev API endpoint ${method} /_intc/api/${endpoint}.`);
    const target = targetOf(query.get('target'), project);
    sendJson(res, 200, { [endpoint]: await list(target.client, limitOf(query.get('limit')), query) });
  }

  #stream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('retry: 1000\n: connected\n\n');
    this.#streams.add(res);
    res.once('close', () => this.#streams.delete(res));
    this.#heartbeat ??= setInterval(() => {
      for (const stream of this.#streams) stream.write(': heartbeat\n\n');
    }, HEARTBEAT_MS).unref();
  }
}

interface OutgoingShape {
  readonly channel: string;
  readonly type: string;
  readonly payload: unknown;
  readonly conversation: { readonly id: string };
}

type Lister = (client: StoreClient, limit: number, query: URLSearchParams) => Promise<unknown>;

const LISTS: { readonly [endpoint: string]: Lister } = {
  conversations: (client, limit) => client.listConversations(limit),
  users: (client, limit) => client.listUsers(limit),
  events: (client, limit) => client.listEvents(limit),
  states: (client, limit) => client.listStates(limit),
  messages: async (client, limit, query) => {
    const conversationId = query.get('conversationId');
    if (conversationId === null) return client.listRecentMessages(limit);
    return (await client.listMessages({ conversationId })).messages.slice(-limit);
  },
};

function projectOf(project: StartedProject | undefined, status: LoadStatus) {
  const targets = [...(project?.targets.values() ?? [])].map((target) => ({
    name: target.name,
    kind: target.kind,
    unit: target.unit,
    integration: target.integration,
    namespace: target.namespace,
    webhookUrl: target.instance.webhookUrl,
    actions: target.actions,
    disabledChannels: target.disabledChannels,
    definition: target.definition ?? null,
  }));
  return { loaded: status.loaded, ...(status.error === undefined ? {} : { error: status.error }), targets };
}

function targetOf(name: string | null, project: StartedProject): Target {
  if (name === null || name === '') throw new HttpError(400, 'missing-target', 'Name the target: ?target=<integration name or bot alias>.', { path: 'target' });
  const target = project.targets.get(name);
  if (target === undefined) throw unknownTarget(name, project);
  return target;
}

function limitOf(text: string | null): number {
  if (text === null) return DEFAULT_LIMIT;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'invalid-limit', `limit must be a positive integer (at most ${MAX_LIMIT}).`, { path: 'limit' });
  return Math.min(limit, MAX_LIMIT);
}

interface MessageInput {
  readonly target?: unknown;
  readonly channel?: unknown;
  readonly conversationId?: unknown;
  readonly conversationTags?: unknown;
  readonly userId?: unknown;
  readonly userTags?: unknown;
  readonly userName?: unknown;
  readonly type?: unknown;
  readonly payload?: unknown;
}

/** A POST that is not JSON, or that another site's page sent, is refused before its body is read. */
function refuseOtherSites(req: IncomingMessage): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') throw new HttpError(403, 'cross-site', 'The dev console API answers only its own page.');
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'unsupported-media-type', 'Send the body as JSON, with content-type: application/json.');
}

async function readInput(req: IncomingMessage): Promise<MessageInput> {
  try {
    const input: unknown = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8') || '{}');
    if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as MessageInput;
  } catch (error) {
    if (error instanceof HttpError) throw error;
  }
  throw new HttpError(400, 'invalid-json', 'The request body is not a JSON object.', { path: '' });
}

function textOf(input: MessageInput, key: keyof MessageInput): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'invalid-input', `${key} must be a non-empty string.`, { path: key });
  return value;
}

function tagsOf(input: MessageInput, key: 'conversationTags' | 'userTags'): { [name: string]: string } {
  const value = input[key];
  if (value === undefined) return {};
  const valid = typeof value === 'object' && value !== null && Object.values(value).every((tag) => typeof tag === 'string');
  if (!valid) throw new HttpError(400, 'invalid-input', `${key} must be an object of strings.`, { path: key });
  return value as { [name: string]: string };
}

/** The conversation named by id, or got or created by its channel and tags. */
async function conversationOf(input: MessageInput, target: Target) {
  if (input.conversationId !== undefined) return (await target.client.getConversation({ id: textOf(input, 'conversationId') })).conversation;
  return (await target.client.getOrCreateConversation({ channel: textOf(input, 'channel'), tags: tagsOf(input, 'conversationTags') })).conversation;
}

/** Stores a message from a user as the integration's webhook would: user and conversation by id or tags, then the message. */
async function incomingMessage(input: MessageInput, project: StartedProject) {
  const target = targetOf(typeof input.target === 'string' ? input.target : null, project);
  const { client } = target;
  return answering(target, async () => {
    const conversation = await conversationOf(input, target);
    const name = typeof input.userName === 'string' && input.userName !== '' ? { name: input.userName } : {};
    const { user } =
      input.userId !== undefined ? await client.getUser({ id: textOf(input, 'userId') }) : await client.getOrCreateUser({ tags: tagsOf(input, 'userTags'), ...name });
    const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: textOf(input, 'type'), payload: input.payload });
    return { conversation, user, message };
  });
}

/** Hands a message from the bot to the integration's channel handler, as the bot's `sendMessage` would. */
async function outgoingMessage(input: MessageInput, project: StartedProject) {
  const target = targetOf(typeof input.target === 'string' ? input.target : null, project);
  const instance = target.instance as unknown as { handleMessage(outgoing: OutgoingShape): Promise<void> };
  return answering(target, async () => {
    const conversation = await conversationOf(input, target);
    if (target.disabledChannels.includes(conversation.channel)) {
      const message = `Cannot send to channel ${JSON.stringify(conversation.channel)} of ${JSON.stringify(target.name)}: the bot disables it (disabledChannels in bot.yaml).`;
      throw new HttpError(400, 'channel-disabled', message, { path: 'channel' });
    }
    await instance.handleMessage({ channel: conversation.channel, type: textOf(input, 'type'), payload: input.payload, conversation });
    return { conversation };
  });
}

/**
 * Runs a console request's client and handler calls: a payload that does
 * not fit (issues with paths), an unknown name or id are the request's
 * fault (400); a channel handler that throws is 500, as on the host's own
 * routes. Messages are redacted.
 */
async function answering<T>(target: Target, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; issues?: readonly { path: string; message: string }[] };
    const message = target.instance.redact(typeof shape.message === 'string' ? shape.message : String(error));
    if (Array.isArray(shape.issues)) {
      const issues = shape.issues.map((issue) => ({ path: target.instance.redact(issue.path), message: target.instance.redact(issue.message) }));
      throw new HttpError(400, 'invalid-input', message, { path: issues[0]?.path ?? '', issues });
    }
    if (shape.name === 'UnknownNameError' || shape.name === 'NotFoundError') throw new HttpError(400, 'invalid-input', message, { path: '' });
    throw handlerError(error, target);
  }
}
