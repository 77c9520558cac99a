/**
 * The dev console's API (`intc dev` only), under `/_intc/api/`:
 *
 *   GET  project                        the targets: name, kind, unit, integration, webhook URL, actions, definition
 *   GET  conversations|users|events|states?target=<name>[&limit=<n>]   the latest records of a target, oldest first
 *   GET  messages?target=<name>[&conversationId=<id>][&limit=<n>]
 *   POST messages   { target, channel, conversationId | conversationTags, userTags?, userName?, type, payload }
 *                   a message from a user, as the integration would create it (the bot's handlers run)
 *   GET  stream     Server-Sent Events: `message`, `event`, `state` (a record stored), `outgoing` (a message
 *                   handed to a channel handler: the bot's replies), `reload` ({ ok, error? })
 *
 * Data comes back as stored (this is the developer's own database, served
 * on 127.0.0.1 by default); logs stay redacted. `GET /` is a placeholder
 * page until the console exists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StoreClient } from '../store/store-client.js';
import { HttpError } from './host-errors.js';
import { unknownTarget } from './dispatch.js';
import type { StartedProject, Target } from './project-loader.js';
import { readBody } from './read-request.js';
import { sendHtml, sendJson } from './respond.js';

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

  /** Publishes each message the target's channel handlers are given (the bot's replies). */
  watchOutgoing(target: Target): void {
    const instance = target.instance as unknown as { handleMessage(outgoing: OutgoingShape): Promise<void> };
    const original = instance.handleMessage.bind(instance);
    Object.defineProperty(instance, 'handleMessage', {
      value: async (outgoing: OutgoingShape) => {
        this.publish('outgoing', { target: target.name, channel: outgoing.channel, type: outgoing.type, conversationId: outgoing.conversation.id, payload: outgoing.payload });
        return original(outgoing);
      },
    });
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
    if (endpoint === 'messages' && method === 'POST') return sendJson(res, 200, await incomingMessage(req, project));
    const list = LISTS[endpoint];
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

interface IncomingInput {
  readonly target?: unknown;
  readonly channel?: unknown;
  readonly conversationId?: unknown;
  readonly conversationTags?: unknown;
  readonly userTags?: unknown;
  readonly userName?: unknown;
  readonly type?: unknown;
  readonly payload?: unknown;
}

/** Stores a message from a user as the integration's webhook would: user and conversation by tags, then the message. */
async function incomingMessage(req: IncomingMessage, project: StartedProject) {
  let input: IncomingInput;
  try {
    input = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8') || '{}') as IncomingInput;
  } catch {
    throw new HttpError(400, 'invalid-json', 'The request body is not valid JSON.', { path: '' });
  }
  const target = targetOf(typeof input.target === 'string' ? input.target : null, project);
  const text = (key: keyof IncomingInput) => {
    const value = input[key];
    if (typeof value !== 'string' || value === '') throw new HttpError(400, 'invalid-input', `${key} must be a non-empty string.`, { path: key });
    return value;
  };
  const tags = (key: keyof IncomingInput) => (input[key] === undefined ? {} : (input[key] as { [name: string]: string }));
  const { client } = target;
  try {
    const conversation =
      typeof input.conversationId === 'string'
        ? (await client.getConversation({ id: input.conversationId })).conversation
        : (await client.getOrCreateConversation({ channel: text('channel'), tags: tags('conversationTags') })).conversation;
    const name = typeof input.userName === 'string' ? input.userName : undefined;
    const { user } = await client.getOrCreateUser({ tags: tags('userTags'), ...(name === undefined ? {} : { name }) });
    const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: text('type'), payload: input.payload });
    return { conversation, user, message };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const message = target.instance.redact(error instanceof Error ? error.message : String(error));
    throw new HttpError(400, 'invalid-input', message, { path: '' });
  }
}

/** `GET /` until the dev console exists: the targets and where the API is. */
export function placeholderPage(project: StartedProject | undefined, status: LoadStatus): string {
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = [...(project?.targets.values() ?? [])]
    .map((t) => `<li><b>${escape(t.name)}</b> (${t.kind === 'alias' ? `alias of bot ${escape(t.unit)}, ` : ''}integration ${escape(t.integration)}): ${t.actions.map(escape).join(', ') || 'no actions'}</li>`)
    .join('');
  const error = status.error === undefined ? '' : `<p><b>Last reload failed:</b></p><pre>${escape(status.error)}</pre>`;
  return `<!doctype html><meta charset="utf-8"><title>intc dev</title><h1>intc dev</h1>${error}<ul>${rows}</ul><p>The console is coming; its API is under <a href="/_intc/api/project">/_intc/api/</a>.</p>\n`;
}
