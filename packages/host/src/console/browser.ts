/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dev console's script, as the browser runs it. page.ts writes the
 * source text of every function this module exports into the page's one
 * inline <script> and calls `main()`: so every function here is exported,
 * none refers to a module-level value or an import (types aside), and the
 * names must not collide with browser globals. Nothing is loaded from the
 * network but this host's own API (`/_intc/api/…`, `/actions/…`).
 *
 * The page: the targets (integrations and bot aliases) in a side bar; for
 * the one selected, each action as a form built from its input schema (the
 * output, or the located validation error marked on its field), per
 * channel a chat (a message sent as a user, as the integration's webhook
 * would create it, or as the bot, through the channel handler; the
 * conversation's messages and the bot's replies as they happen), and its
 * conversations (each opened in its chat), states, events and its
 * handlers' log lines, updated live from the server-sent event stream.
 */

/** A JSON Schema, as loosely as the forms read it. */
export interface Schema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly properties?: { readonly [name: string]: Schema };
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly $ref?: string;
  readonly [keyword: string]: unknown;
}

export interface TargetInfo {
  readonly name: string;
  readonly kind: 'integration' | 'alias';
  readonly unit: string;
  readonly integration: string;
  readonly webhookUrl: string;
  readonly actions: readonly string[];
  /** Channels the bot disables for this alias. */
  readonly disabledChannels: readonly string[];
  readonly definition: Definition | null;
}

export interface Definition {
  readonly title?: string;
  readonly description?: string;
  readonly actions?: { readonly [name: string]: { readonly title?: string; readonly description?: string; readonly input?: { readonly schema?: Schema } } };
  readonly channels?: {
    readonly [name: string]: {
      readonly title?: string;
      readonly description?: string;
      readonly messages?: { readonly [type: string]: { readonly schema?: Schema } };
      readonly conversation?: { readonly tags?: { readonly [tag: string]: { readonly title?: string } } };
    };
  };
  readonly user?: { readonly tags?: { readonly [tag: string]: { readonly title?: string } } };
  readonly [key: string]: unknown;
}

/** One line of a conversation as the chat shows it. */
export interface ChatEntry {
  readonly from: 'message' | 'bot';
  readonly id?: string;
  readonly userId?: string;
  readonly type: string;
  readonly payload: unknown;
  /** Why the channel handler failed to send it (a bot's reply). */
  readonly error?: string;
}

export interface App {
  targets: TargetInfo[];
  selected: string | undefined;
  /** `<target> <conversationId>` → what was said, as the stream told it. */
  readonly chats: Map<string, ChatEntry[]>;
  /** Redraws of the open chats, run when an entry arrives. */
  readonly chatViews: Set<() => void>;
  /** `<target> <channel>` → the chat's conversation and user, kept across reloads of the page's views. */
  readonly chatStates: Map<string, ChatState>;
  /** The selected target's chats by channel: each opens a stored conversation. */
  readonly chatOpeners: Map<string, (conversation: ConversationInfo) => Promise<void>>;
  /** The selected target's conversations, as last listed. */
  conversations: ConversationInfo[];
  /** What the units' handlers logged since the page opened (the last 500 lines). */
  logs: LogLine[];
  /** The selected target's states (by key) and events, as the stream updates them. */
  readonly states: Map<string, StateInfo>;
  events: EventInfo[];
}

export interface ConversationInfo {
  readonly id: string;
  readonly channel: string;
  readonly tags: { readonly [tag: string]: string };
}

export interface LogLine {
  readonly unit: string;
  readonly level: string;
  readonly line: string;
}

export interface StateInfo {
  readonly type: string;
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

export interface EventInfo {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly conversationId?: string;
}

/** A field of a form: its element, and how to read its value (`undefined`: left out). */
export interface Field {
  readonly element: HTMLElement;
  read(): FieldValue;
}

/** A field's value (`undefined`: left out), or why it cannot be read, at which path. */
export interface FieldValue {
  readonly value?: unknown;
  readonly error?: { readonly path: string; readonly message: string };
}

/** An error as the host answers it: `{ error: { code, message, path?, issues? } }`. */
export interface ApiError {
  readonly code: string;
  readonly message: string;
  readonly path?: string;
  readonly issues?: readonly { readonly path: string; readonly message: string }[];
}

// ---- start -----------------------------------------------------------------

export function main(): void {
  const app: App = { targets: [], selected: undefined, chats: new Map(), chatViews: new Set(), chatStates: new Map(), chatOpeners: new Map(), conversations: [], logs: [], states: new Map(), events: [] };
  listen(app);
  window.addEventListener('hashchange', () => selectTarget(app, decodeURIComponent(location.hash.slice(1))));
}

export async function loadProject(app: App): Promise<void> {
  const project = (await (await fetch('/_intc/api/project')).json()) as { loaded: boolean; error?: string; targets: TargetInfo[] };
  app.targets = project.targets;
  showReloadError(project.error);
  renderNav(app);
  const wanted = decodeURIComponent(location.hash.slice(1));
  const names = app.targets.map((target) => target.name);
  selectTarget(app, names.includes(wanted) ? wanted : app.selected !== undefined && names.includes(app.selected) ? app.selected : names[0]);
}

/** The server-sent events: records as they are stored, the bot's replies, reloads. The project is read at each (re)connection. */
export function listen(app: App): void {
  const stream = new EventSource('/_intc/api/stream');
  const status = byId('connection');
  stream.onopen = () => {
    status.textContent = 'live';
    status.className = 'live';
    void loadProject(app);
  };
  stream.onerror = () => {
    status.textContent = 'reconnecting…';
    status.className = 'down';
  };
  const on = (name: string, handle: (data: { target: string; [key: string]: unknown }) => void) =>
    stream.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data) as { target: string }));
  on('message', (data) => {
    const message = data['message'] as { id: string; conversationId: string; userId: string; type: string; payload: unknown };
    addChatEntry(app, data.target, message.conversationId, { from: 'message', id: message.id, userId: message.userId, type: message.type, payload: message.payload });
    void noteConversation(app, data.target, message.conversationId);
  });
  on('outgoing', (data) => {
    const error = typeof data['error'] === 'string' ? { error: data['error'] } : {};
    addChatEntry(app, data.target, String(data['conversationId']), { from: 'bot', type: String(data['type']), payload: data['payload'], ...error });
  });
  on('state', (data) => {
    if (data.target !== app.selected) return;
    const state = data['state'] as StateInfo;
    app.states.set(stateKey(state), state);
    renderStates(app, stateKey(state));
  });
  on('event', (data) => {
    if (data.target !== app.selected) return;
    app.events = [data['event'] as EventInfo, ...app.events].slice(0, 100);
    renderEvents(app, true);
  });
  on('log', (data) => {
    app.logs = [...app.logs.slice(-499), { unit: String(data['unit']), level: String(data['level']), line: String(data['line']) }];
    renderLog(app);
  });
  on('reload', () => void loadProject(app));
}

// ---- the side bar and the target --------------------------------------------

export function renderNav(app: App): void {
  const nav = byId('targets');
  nav.replaceChildren(
    ...app.targets.map((target) => {
      const link = h('a', { href: `#${encodeURIComponent(target.name)}`, 'data-target': target.name }, target.name);
      const what = target.kind === 'alias' ? `bot ${target.unit} · ${target.integration}` : 'integration';
      return h('li', {}, link, h('small', {}, what));
    }),
  );
  if (app.targets.length === 0) nav.append(h('li', {}, h('small', {}, 'No integration or bot is running.')));
}

export function selectTarget(app: App, name: string | undefined): void {
  const target = app.targets.find((candidate) => candidate.name === name);
  app.selected = target?.name;
  app.chatViews.clear();
  app.chatOpeners.clear();
  for (const link of document.querySelectorAll('#targets a')) link.classList.toggle('selected', link.getAttribute('data-target') === app.selected);
  const shown = byId('target');
  if (target === undefined) {
    shown.replaceChildren(h('p', { class: 'hint' }, 'Choose an integration or bot alias.'));
    return;
  }
  const definition = target.definition ?? {};
  const kind = target.kind === 'alias' ? `alias of bot ${target.unit}, running integration ${target.integration}` : `integration ${target.integration}`;
  shown.replaceChildren(
    h('h2', {}, definition.title ?? target.name, ' ', h('small', {}, kind)),
    h('p', { class: 'hint' }, 'Webhook URL: ', h('code', {}, target.webhookUrl)),
    registration(target),
    section('Actions', orHint(target.actions.map((action) => actionForm(target, action, definition)), 'No actions.')),
    section('Channels', orHint(Object.keys(definition.channels ?? {}).sort().map((channel) => chatView(app, target, channel, definition)), 'No channels.')),
    section('Conversations', [h('table', { id: 'conversation-table' })]),
    section('States', [h('table', { id: 'state-table' })]),
    section('Events', [h('ul', { id: 'event-list' })]),
    section('Log', [h('p', { class: 'hint' }, `What ${target.kind === 'alias' ? `bot ${target.unit}` : target.name}'s handlers log, since this page opened.`), h('ol', { id: 'log-lines' })]),
  );
  renderLog(app);
  void loadRecords(app, target.name);
}

/** Register and Unregister: the target's handlers, run as `POST /register|unregister/<name>` runs them. */
export function registration(target: TargetInfo): HTMLElement {
  const result = h('div', { class: 'result' });
  const button = (what: 'register' | 'unregister', label: string) => {
    const element = h('button', { type: 'button', class: 'secondary' }, label);
    element.addEventListener('click', async () => {
      const answer = await postJson(`/${what}/${encodeURIComponent(target.name)}`, {});
      if (answer.error === undefined) result.replaceChildren(h('p', { class: 'ok' }, `${answer.status} ${what}ed`));
      else result.replaceChildren(h('p', { class: 'error' }, `${answer.status} ${answer.error.code}`), h('pre', { class: 'error-message' }, answer.error.message));
    });
    return element;
  };
  return h('div', { class: 'registration' }, h('div', { class: 'row' }, button('register', 'Register'), button('unregister', 'Unregister')), result);
}

export function section(title: string, children: readonly (HTMLElement | string)[]): HTMLElement {
  return h('section', { id: `section-${title.toLowerCase()}` }, h('h3', {}, title), ...children);
}

export function orHint(children: readonly HTMLElement[], hint: string): readonly HTMLElement[] {
  return children.length > 0 ? children : [h('p', { class: 'hint' }, hint)];
}

/** The selected target's states and events as stored, then kept up to date by the stream. */
export async function loadRecords(app: App, name: string): Promise<void> {
  const query = `?target=${encodeURIComponent(name)}`;
  const [states, events] = await Promise.all([getJson(`/_intc/api/states${query}`), getJson(`/_intc/api/events${query}`)]);
  if (app.selected !== name) return;
  app.states.clear();
  for (const state of (states as { states: StateInfo[] }).states) app.states.set(stateKey(state), state);
  app.events = [...(events as { events: EventInfo[] }).events].reverse();
  renderStates(app, undefined);
  renderEvents(app, false);
  await loadConversations(app, name);
}

export async function loadConversations(app: App, name: string): Promise<void> {
  const { conversations } = (await getJson(`/_intc/api/conversations?target=${encodeURIComponent(name)}`)) as { conversations: ConversationInfo[] };
  if (app.selected !== name) return;
  app.conversations = [...conversations].reverse();
  renderConversations(app);
}

/** Lists the selected target's conversations again when one it has not listed shows up. */
export async function noteConversation(app: App, target: string, conversationId: string): Promise<void> {
  if (target === app.selected && !app.conversations.some((known) => known.id === conversationId)) await loadConversations(app, target);
}

/** The conversations, newest first, each with a button that opens it in its channel's chat. */
export function renderConversations(app: App): void {
  const table = document.getElementById('conversation-table');
  if (table === null) return;
  const rows = app.conversations.map((conversation) => {
    const open = app.chatOpeners.get(conversation.channel);
    const button = h('button', { type: 'button', class: 'secondary' }, 'Open in chat');
    button.addEventListener('click', () => void open?.(conversation));
    const tags = Object.entries(conversation.tags).map(([tag, value]) => `${tag}=${value}`).join(', ');
    return h('tr', { 'data-conversation': conversation.id }, h('td', {}, conversation.id), h('td', {}, conversation.channel), h('td', {}, tags), h('td', {}, open === undefined ? '' : button));
  });
  table.replaceChildren(h('tr', {}, h('th', {}, 'conversation'), h('th', {}, 'channel'), h('th', {}, 'tags'), h('th', {}, '')), ...rows);
  if (rows.length === 0) table.append(h('tr', {}, h('td', { colspan: '4', class: 'hint' }, 'No conversation yet.')));
}

export function stateKey(state: StateInfo): string {
  return `${state.type} ${state.id} ${state.name}`;
}

export function renderStates(app: App, changed: string | undefined): void {
  const table = document.getElementById('state-table');
  if (table === null) return;
  const rows = [...app.states.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  table.replaceChildren(
    h('tr', {}, h('th', {}, 'state'), h('th', {}, 'of'), h('th', {}, 'payload')),
    ...rows.map(([key, state]) =>
      h('tr', { 'data-state': state.name, class: key === changed ? 'changed' : '' }, h('td', {}, state.name), h('td', {}, `${state.type} ${state.id}`), h('td', {}, json(state.payload))),
    ),
  );
  if (rows.length === 0) table.append(h('tr', {}, h('td', { colspan: '3', class: 'hint' }, 'No state stored yet.')));
}

export function renderEvents(app: App, arrived: boolean): void {
  const list = document.getElementById('event-list');
  if (list === null) return;
  list.replaceChildren(
    ...app.events.map((event, index) =>
      h('li', { class: arrived && index === 0 ? 'changed' : '' }, h('b', {}, event.type), event.conversationId === undefined ? '' : h('small', {}, ` in ${event.conversationId}`), json(event.payload)),
    ),
  );
  if (app.events.length === 0) list.append(h('li', { class: 'hint' }, 'No event yet.'));
}

/** The selected target's unit's log lines (a bot's lines hold every alias's, each prefixed with its alias). */
export function renderLog(app: App): void {
  const list = document.getElementById('log-lines');
  const unit = app.targets.find((target) => target.name === app.selected)?.unit;
  if (list === null || unit === undefined) return;
  list.replaceChildren(...app.logs.filter((entry) => entry.unit === unit).map((entry) => h('li', { class: `log-${entry.level}` }, h('small', {}, entry.level), ' ', entry.line)));
}

// ---- actions -------------------------------------------------------------------

export function actionForm(target: TargetInfo, action: string, definition: Definition): HTMLElement {
  const declared = definition.actions?.[action];
  const schema = declared?.input?.schema;
  const field = schema === undefined ? jsonField({}, 'input', 'input (JSON)', true) : schemaField(definition, schema, 'input', 'input', true, 0);
  const result = h('div', { class: 'result' });
  const button = h('button', { type: 'submit' }, `Call ${action}`);
  const form = h('form', { class: 'action', 'data-action': action }, h('h4', {}, declared?.title ?? action, ' ', h('code', {}, action)), descriptionOf(declared?.description), field.element, button, result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void callAction(target, action, form, field, result);
  });
  return form;
}

export async function callAction(target: TargetInfo, action: string, form: HTMLElement, field: Field, result: HTMLElement): Promise<void> {
  clearErrors(form);
  const read = readField(form, field);
  if (read === undefined) return;
  result.replaceChildren(h('p', { class: 'hint' }, 'Calling…'));
  const answer = await postJson(`/actions/${encodeURIComponent(target.name)}/${encodeURIComponent(action)}`, read.value ?? {});
  if (answer.error !== undefined) showError(form, result, answer.status, answer.error);
  else result.replaceChildren(h('p', { class: 'ok' }, `${answer.status} output`), json(answer.body));
}

/** POSTs JSON; an error status, a body that is not JSON or no answer at all come back as `error`. */
export async function postJson(url: string, value: unknown): Promise<{ status: number; body?: unknown; error?: ApiError }> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  } catch (error) {
    return { status: 0, error: { code: 'unreachable', message: `The host did not answer (${String(error)}).` } };
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: response.status, error: { code: `http-${response.status}`, message: text || response.statusText } };
  }
  if (response.ok) return { status: response.status, body };
  const error = (body as { error?: ApiError } | null)?.error;
  return { status: response.status, error: error ?? { code: `http-${response.status}`, message: text } };
}

/** Reads a form's value; a field that cannot be read (bad JSON) is marked, and nothing is sent. */
export function readField(form: HTMLElement, field: Field): FieldValue | undefined {
  const read = field.read();
  if (read.error === undefined) return read;
  markField(form, read.error.path, read.error.message);
  return undefined;
}

/** The error, with the field its path names marked (the nearest field that holds it). */
export function showError(form: HTMLElement, result: HTMLElement, status: number, error: ApiError): void {
  const issues = error.issues ?? (error.path === undefined ? [] : [{ path: error.path, message: error.message }]);
  for (const issue of issues) markField(form, issue.path, issue.message);
  const where = error.path === undefined || error.path === '' ? '' : ` at ${error.path}`;
  result.replaceChildren(h('p', { class: 'error' }, `${status} ${error.code}${where}`), h('pre', { class: 'error-message' }, error.message));
}

export function markField(form: HTMLElement, path: string, message: string): void {
  const fields = [...form.querySelectorAll<HTMLElement>('[data-path]')];
  const holds = (candidate: string) => path === candidate || path.startsWith(`${candidate}.`) || path.startsWith(`${candidate}[`);
  const best = fields.filter((element) => holds(element.dataset['path'] ?? '')).sort((a, b) => (b.dataset['path'] ?? '').length - (a.dataset['path'] ?? '').length)[0];
  if (best === undefined) return;
  best.classList.add('invalid');
  best.append(h('span', { class: 'field-error' }, `${path} ${message}`));
}

export function clearErrors(form: HTMLElement): void {
  for (const element of form.querySelectorAll('.invalid')) element.classList.remove('invalid');
  for (const element of form.querySelectorAll('.field-error')) element.remove();
}

// ---- forms from schemas -----------------------------------------------------------

/**
 * A field for a schema: an object's properties one by one (nested objects
 * as fieldsets), strings as text inputs (a select for an enum), numbers,
 * booleans as a select (unset, true, false); anything else (arrays, unions,
 * open objects) as JSON. Each field carries its path (`input.chatId`, as
 * the runtime's errors name it), so an error can be put next to it.
 */
export function schemaField(definition: Definition, given: Schema, path: string, label: string, required: boolean, depth: number): Field {
  const schema = resolveSchema(definition, given);
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (schema.const !== undefined) return constField(schema, path, label);
  if (type === 'object' && schema.properties !== undefined && depth < 4) return objectField(definition, schema, path, label, depth);
  if (Array.isArray(schema.enum) && schema.enum.every((value) => typeof value === 'string')) return enumField(schema, path, label, required);
  if (type === 'string') return textField(schema, path, label, required);
  if (type === 'number' || type === 'integer') return numberField(schema, path, label, required, type);
  if (type === 'boolean') return booleanField(schema, path, label, required);
  return jsonField(schema, path, label, required);
}

/** A `$ref` into the definition (`#/entities/chat`: the entity's schema), followed a few times at most. */
export function resolveSchema(definition: Definition, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 8 && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); hops++) {
    let found: unknown = definition;
    for (const part of current.$ref.slice(2).split('/')) found = (found as { [key: string]: unknown } | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (typeof found !== 'object' || found === null) break;
    const entity = found as { schema?: Schema };
    current = entity.schema !== undefined && !('type' in found) ? entity.schema : (found as Schema);
  }
  return current;
}

export function labelFor(schema: Schema, path: string, label: string, required: boolean, control: HTMLElement): HTMLElement {
  const name = h('span', { class: 'name' }, schema.title ?? label, required ? h('abbr', { title: 'required' }, ' *') : '');
  return h('label', { class: 'field', 'data-path': path }, name, control, descriptionOf(schema.description));
}

export function objectField(definition: Definition, schema: Schema, path: string, label: string, depth: number): Field {
  const required = new Set(schema.required ?? []);
  const children = Object.keys(schema.properties ?? {})
    .sort((a, b) => Number(required.has(b)) - Number(required.has(a)) || (a < b ? -1 : 1))
    .map((name) => ({ name, field: schemaField(definition, schema.properties![name]!, `${path}.${name}`, name, required.has(name), depth + 1) }));
  const legend = depth === 0 ? [] : [h('legend', {}, schema.title ?? label)];
  const element = h('fieldset', { 'data-path': path, class: depth === 0 ? 'root' : '' }, ...legend, descriptionOf(depth === 0 ? undefined : schema.description), ...children.map((child) => child.field.element));
  return {
    element,
    read: () => {
      const value: { [name: string]: unknown } = {};
      for (const { name, field } of children) {
        const read = field.read();
        if (read.error !== undefined) return read;
        if (read.value !== undefined) value[name] = read.value;
      }
      return { value: depth > 0 && Object.keys(value).length === 0 ? undefined : value };
    },
  };
}

export function textField(schema: Schema, path: string, label: string, required: boolean): Field {
  const long = typeof schema['maxLength'] === 'number' ? schema['maxLength'] > 200 : false;
  const input = h(long ? 'textarea' : 'input', { name: path, ...(typeof schema['pattern'] === 'string' ? { placeholder: schema['pattern'] } : {}) }) as HTMLInputElement;
  if (typeof schema.default === 'string') input.value = schema.default;
  return { element: labelFor(schema, path, label, required, input), read: () => ({ value: input.value === '' ? undefined : input.value }) };
}

export function numberField(schema: Schema, path: string, label: string, required: boolean, type: string): Field {
  const input = h('input', { name: path, type: 'number', step: type === 'integer' ? '1' : 'any' }) as HTMLInputElement;
  if (typeof schema.default === 'number') input.value = String(schema.default);
  return { element: labelFor(schema, path, label, required, input), read: () => ({ value: input.value === '' ? undefined : Number(input.value) }) };
}

export function booleanField(schema: Schema, path: string, label: string, required: boolean): Field {
  const select = h('select', { name: path }, h('option', { value: '' }, '(not set)'), h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false')) as HTMLSelectElement;
  if (typeof schema.default === 'boolean') select.value = String(schema.default);
  return { element: labelFor(schema, path, label, required, select), read: () => ({ value: select.value === '' ? undefined : select.value === 'true' }) };
}

export function enumField(schema: Schema, path: string, label: string, required: boolean): Field {
  const values = (schema.enum ?? []) as string[];
  const select = h('select', { name: path }, h('option', { value: '' }, '(not set)'), ...values.map((value) => h('option', { value }, value))) as HTMLSelectElement;
  if (typeof schema.default === 'string') select.value = schema.default;
  return { element: labelFor(schema, path, label, required, select), read: () => ({ value: select.value === '' ? undefined : select.value }) };
}

export function constField(schema: Schema, path: string, label: string): Field {
  return { element: labelFor(schema, path, label, true, h('code', {}, JSON.stringify(schema.const))), read: () => ({ value: schema.const }) };
}

/** Any value as JSON text; empty is left out; text that is not JSON is an error at this field. */
export function jsonField(schema: Schema, path: string, label: string, required: boolean): Field {
  const input = h('textarea', { name: path, class: 'json', placeholder: 'JSON' }) as HTMLTextAreaElement;
  if (schema.default !== undefined) input.value = JSON.stringify(schema.default, null, 2);
  else if (path === 'input' || path === 'payload') input.value = '{}';
  return {
    element: labelFor(schema, path, `${label} (JSON)`, required, input),
    read: () => {
      if (input.value.trim() === '') return {};
      try {
        return { value: JSON.parse(input.value) as unknown };
      } catch {
        return { error: { path, message: 'is not valid JSON' } };
      }
    },
  };
}

// ---- chats --------------------------------------------------------------------------

/**
 * A channel's chat: the conversation named by its tags (created on the
 * first message; the same one while the tags stay), a message built from
 * the type's schema, sent as a user (stored as the integration's webhook
 * would: the bot's handlers run) or as the bot (handed to the integration's
 * channel handler); below, what was said in that conversation, the bot's
 * replies included.
 */
export function chatView(app: App, target: TargetInfo, channel: string, definition: Definition): HTMLElement {
  const declared = definition.channels?.[channel] ?? {};
  const view = chatState(app, `${target.name} ${channel}`);
  const inputs = chatInputs(declared, view);
  const payload = payloadSwitcher(definition, declared.messages ?? {}, inputs.type);
  const timeline = h('ol', { class: 'timeline' });
  const redraw = () => renderChat(app, target.name, view, timeline);
  const fresh = h('button', { type: 'button', class: 'secondary' }, 'New conversation');
  fresh.addEventListener('click', () => {
    view.conversationId = undefined;
    redraw();
  });
  const disabled = target.disabledChannels.includes(channel);
  const asUser = h('button', { type: 'submit' }, 'Send as user');
  const asBot = h('button', { type: 'submit', class: 'secondary', ...(disabled ? { disabled: 'disabled', title: 'The bot disables this channel' } : {}) }, 'Send as bot');
  const notice = `The bot disables this channel for ${target.name} (disabledChannels in bot.yaml): a message sent as a user is stored, and no bot handler answers it.`;
  const result = h('div', { class: 'result' });
  const form = h(
    'form',
    { class: 'chat', 'data-channel': channel },
    h('h4', {}, declared.title ?? channel, ' ', h('code', {}, channel)),
    descriptionOf(declared.description),
    disabled ? h('p', { class: 'notice' }, notice) : '',
    inputs.row,
    payload.slot,
    h('div', { class: 'row' }, asUser, asBot, fresh),
    result,
    timeline,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const as = (event as SubmitEvent).submitter === asBot ? 'bot' : 'user';
    const common = { target, channel, form, result, view, redraw };
    void sendChat(app, { ...common, as, conversationTags: inputs.tagValues(), userName: inputs.userName.value, type: inputs.type.value, payload: payload.field() });
  });
  app.chatViews.add(redraw);
  app.chatOpeners.set(channel, async (conversation) => {
    inputs.showTags(conversation.tags);
    view.conversationId = conversation.id;
    view.tagsKey = JSON.stringify(inputs.tagValues());
    await loadHistory(app, target.name, conversation.id);
    redraw();
    form.scrollIntoView();
  });
  redraw();
  return form;
}

/** The chat's state, kept by the app across redraws. */
export function chatState(app: App, key: string): ChatState {
  const view = app.chatStates.get(key) ?? { conversationId: undefined, tagsKey: '', userId: undefined };
  app.chatStates.set(key, view);
  return view;
}

type ChannelDefinition = NonNullable<Definition['channels']>[string];

/** The conversation's tags (as the chat last used them, else `console`), the user's name and the message type. */
export function chatInputs(declared: ChannelDefinition, view: ChatState) {
  const tags = Object.keys(declared.conversation?.tags ?? {})
    .sort()
    .map((tag) => ({ tag, input: h('input', { name: `tag.${tag}`, value: 'console' }) as HTMLInputElement }));
  const showTags = (values: { readonly [tag: string]: string }) => {
    for (const { tag, input } of tags) input.value = values[tag] ?? '';
  };
  if (view.tagsKey !== '') showTags(JSON.parse(view.tagsKey) as { [tag: string]: string });
  const tagValues = () => Object.fromEntries(tags.map(({ tag, input }) => [tag, input.value]));
  const userName = h('input', { name: 'userName', value: 'Console user' }) as HTMLInputElement;
  const messages = declared.messages ?? {};
  const type = h('select', { name: 'type' }, ...Object.keys(messages).sort().map((name) => h('option', { value: name }, name))) as HTMLSelectElement;
  if (Object.hasOwn(messages, 'text')) type.value = 'text';
  const labelled = (path: string, name: string, control: HTMLElement) => h('label', { class: 'field', 'data-path': path }, h('span', { class: 'name' }, name), control);
  const fields = tags.map(({ tag, input }) => labelled(`conversationTags.${tag}`, `conversation tag ${tag}`, input));
  const row = h('div', { class: 'row' }, ...fields, labelled('userName', 'user name', userName), labelled('type', 'message type', type));
  return { row, userName, type, tagValues, showTags };
}

/** The payload's form, rebuilt from the schema of the message type chosen. */
export function payloadSwitcher(definition: Definition, messages: NonNullable<ChannelDefinition['messages']>, type: HTMLSelectElement) {
  const slot = h('div', { class: 'payload' });
  let field = payloadField(definition, messages[type.value]?.schema);
  slot.replaceChildren(field.element);
  type.addEventListener('change', () => {
    field = payloadField(definition, messages[type.value]?.schema);
    slot.replaceChildren(field.element);
  });
  return { slot, field: () => field };
}

export function payloadField(definition: Definition, schema: Schema | undefined): Field {
  return schema === undefined ? jsonField({}, 'payload', 'payload', true) : schemaField(definition, schema, 'payload', 'payload', true, 0);
}

/** Which conversation a chat shows, the tags it was found by, and the user who speaks in it. */
export interface ChatState {
  conversationId: string | undefined;
  tagsKey: string;
  userId: string | undefined;
}

export interface ChatSend {
  readonly target: TargetInfo;
  readonly channel: string;
  readonly as: 'user' | 'bot';
  readonly conversationTags: { readonly [tag: string]: string };
  readonly userName: string;
  readonly type: string;
  readonly form: HTMLElement;
  readonly payload: Field;
  readonly result: HTMLElement;
  readonly view: ChatState;
  readonly redraw: () => void;
}

/** Sends; the conversation is the one shown while its tags stay, else the one the tags name (created if new). */
export async function sendChat(app: App, send: ChatSend): Promise<void> {
  clearErrors(send.form);
  const read = readField(send.form, send.payload);
  if (read === undefined) return;
  const { view } = send;
  const tagsKey = JSON.stringify(send.conversationTags);
  const conversation = view.conversationId !== undefined && view.tagsKey === tagsKey ? { conversationId: view.conversationId } : { conversationTags: send.conversationTags };
  const user = view.userId === undefined ? { userName: send.userName } : { userId: view.userId };
  const body = { target: send.target.name, channel: send.channel, ...conversation, ...(send.as === 'user' ? user : {}), type: send.type, payload: read.value ?? {} };
  const answer = await postJson(`/_intc/api/${send.as === 'user' ? 'messages' : 'outgoing'}`, body);
  if (answer.error !== undefined) {
    showError(send.form, send.result, answer.status, answer.error);
    return;
  }
  send.result.replaceChildren();
  const sent = answer.body as { conversation?: { id: string }; user?: { id: string } };
  if (sent.user !== undefined) view.userId = sent.user.id;
  const conversationId = sent.conversation?.id;
  if (conversationId !== undefined && conversationId !== view.conversationId) {
    view.conversationId = conversationId;
    view.tagsKey = tagsKey;
    await loadHistory(app, send.target.name, conversationId);
    await noteConversation(app, send.target.name, conversationId);
  }
  send.redraw();
}

/** The conversation's stored messages, before what the stream brought. */
export async function loadHistory(app: App, target: string, conversationId: string): Promise<void> {
  const { messages } = (await getJson(`/_intc/api/messages?target=${encodeURIComponent(target)}&conversationId=${encodeURIComponent(conversationId)}`)) as {
    messages: { id: string; userId: string; type: string; payload: unknown }[];
  };
  const key = `${target} ${conversationId}`;
  const known = app.chats.get(key) ?? [];
  const seen = new Set(known.map((entry) => entry.id));
  const older = messages.filter((message) => !seen.has(message.id)).map((message) => ({ from: 'message' as const, id: message.id, userId: message.userId, type: message.type, payload: message.payload }));
  app.chats.set(key, [...older, ...known]);
}

export function addChatEntry(app: App, target: string, conversationId: string, entry: ChatEntry): void {
  const key = `${target} ${conversationId}`;
  const entries = app.chats.get(key) ?? [];
  if (entry.id !== undefined && entries.some((known) => known.id === entry.id)) return;
  app.chats.set(key, [...entries, entry]);
  for (const redraw of app.chatViews) redraw();
}

export function renderChat(app: App, target: string, view: ChatState, timeline: HTMLElement): void {
  if (view.conversationId === undefined) {
    timeline.replaceChildren(h('li', { class: 'hint' }, 'Send a message to start the conversation.'));
    return;
  }
  const entries = app.chats.get(`${target} ${view.conversationId}`) ?? [];
  timeline.setAttribute('data-conversation', view.conversationId);
  timeline.replaceChildren(
    ...entries.map((entry) => {
      const who = entry.from === 'bot' ? 'bot' : entry.userId === view.userId ? 'you' : (entry.userId ?? 'user');
      const text = typeof (entry.payload as { text?: unknown } | null)?.text === 'string' ? String((entry.payload as { text: string }).text) : JSON.stringify(entry.payload);
      const failed = entry.error === undefined ? '' : h('small', { class: 'error' }, `not delivered: ${entry.error}`);
      return h('li', { class: `from-${entry.from === 'bot' ? 'bot' : who === 'you' ? 'you' : 'other'}` }, h('small', {}, `${who} · ${entry.type}`), h('span', { class: 'text' }, text), failed);
    }),
  );
}

// ---- small helpers --------------------------------------------------------------------

/** An element with attributes and children (strings become text). */
export function h(tag: string, attributes: { readonly [name: string]: string }, ...children: readonly (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== '') element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no #${id}.`);
  return element;
}

export function descriptionOf(text: string | undefined): HTMLElement | string {
  return text === undefined ? '' : h('p', { class: 'description' }, text);
}

export function json(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, value === undefined ? '(none)' : JSON.stringify(value, null, 2));
}

export async function getJson(url: string): Promise<unknown> {
  return (await fetch(url)).json();
}

export function showReloadError(error: string | undefined): void {
  const banner = byId('reload-error');
  banner.hidden = error === undefined;
  banner.replaceChildren(...(error === undefined ? [] : [h('b', {}, 'The last reload failed; the last good code is serving. '), h('pre', {}, error)]));
}
