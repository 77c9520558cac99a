/**
 * Renames keep the user's code: when a member with a handler file (an
 * action, a channel, a channel's message type) is renamed, its file moves to
 * the new name with the code in it (move-handler.ts) and index.ts follows
 * (repoint-wiring.ts), instead of a TODO stub beside a stranded
 * implementation.
 *
 * A rename is known two ways: the manifest says so (`renamedFrom: <old>` on
 * the new action, channel or message type), or the last run's members
 * (member-history.ts) had one that is gone now and this run has one new
 * member with the same schemas, of the same kind (message types: in the
 * same channel, or a whole channel whose message types all match). When that
 * pairing is not one to one (two gone and two new with the same schemas…),
 * nothing is guessed: `rename-not-applied` says what to write, and no stub is
 * created for the new members concerned until it is resolved. The same when
 * the new name's file exists already (unless it is the untouched stub intc
 * wrote, which the moved code replaces) or the old file is a symbolic link.
 *
 * Crash safety: a move writes the new file (atomically), then index.ts, then
 * deletes the old file; the run record that ends the history is written last.
 * A run killed in between leaves both files, the new one being the old one
 * moved: the next run sees that and completes the move (deletes the old file,
 * re-points index.ts).
 */
import { relative, sep } from 'node:path';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { ProjectLayout } from '../generate/project-layout.js';
import { compareNames, type IntegrationModel } from '../model/integration-model.js';
import { propertyOf, stringPropertyOf } from '../model/values.js';
import type { GeneratedTarget } from './generated-imports.js';
import { currentMembers, isSortedHistory, memberKey, parseMemberKey, type MemberHashes } from './member-history.js';
import { movedHandlerText } from './move-handler.js';
import { exportLocation } from './stale-handlers.js';
import type { IsSymbolicLink } from './symbolic-links.js';
import { stubLayout, type HandlerNames, type HandlerStub, type StubLayout } from './stub-layout.js';
import { stubTemplate } from './stub-templates.js';
import { handlerDisplayName } from './todo-handlers.js';

export interface HandlerMove {
  readonly from: HandlerStub;
  readonly to: HandlerStub;
  /** The old file's text, deleted only if it still is this. */
  readonly source: string;
  /** The new file's text; undefined when it is already there (a move a killed run left half done). */
  readonly content: string | undefined;
  /** The new name's file exists and is the untouched stub intc wrote: the moved code replaces it. */
  readonly replacesStub: boolean;
}

export interface RenamePlan {
  readonly moves: readonly HandlerMove[];
  /** New members whose stub is not created this run: their rename is unresolved. */
  readonly held: ReadonlySet<HandlerStub>;
  /** Old handler files a warning already speaks for (not reported stale as well). */
  readonly explained: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
  /** What the next run should remember: this run's members, and the gone ones whose file is still there. */
  readonly history: ReadonlyMap<string, string>;
  /** The last run had members this one has not: the plan (what it read, what it said) depends on that history. */
  readonly membersLeft: boolean;
}

export interface RenameInputs {
  readonly model: IntegrationModel;
  readonly layout: ProjectLayout;
  readonly stubs: StubLayout;
  /** The last run's members (empty: none known). */
  readonly previous: MemberHashes;
  readonly readFile: (path: string) => string | undefined;
  readonly isLink: IsSymbolicLink;
  /** Stubs reset by --force: never the target of a move. */
  readonly forced: (path: string) => boolean;
  readonly target: GeneratedTarget;
}

interface Pair {
  readonly from: string;
  readonly to: string;
}

export function planRenames(inputs: RenameInputs): RenamePlan {
  const { model, stubs, previous, readFile } = inputs;
  const current = currentMembers(model);
  const byKey = new Map<string, HandlerStub>();
  for (const stub of stubs.handlers) {
    if (stub.kind === 'action') byKey.set(memberKey({ action: stub.name }), stub);
    else if (stub.kind === 'message') byKey.set(memberKey({ channel: stub.channel!, type: stub.name }), stub);
  }
  const declared = declaredRenames(model).filter((pair) => !current.has(pair.from));
  const gone = [...previous.keys()].filter((key) => !current.has(key) && parseMemberKey(key) !== undefined);
  const membersLeft = gone.length > 0;
  if (declared.length === 0 && !membersLeft) return { moves: [], held: new Set(), explained: new Set(), diagnostics: [], history: current, membersLeft };

  // Compared with a definition.json's members (sorted JSON), this run's are fingerprinted the same way; the record keeps its own.
  const comparable = isSortedHistory(previous) ? currentMembers(model, true) : current;
  const old = oldStubs([...gone, ...declared.map((pair) => pair.from)], inputs.layout);
  const exists = (key: string) => {
    const stub = old.get(key);
    return stub !== undefined && readFile(stub.path) !== undefined;
  };
  const claimed = new Set(declared.map((pair) => pair.to));
  const claimedFrom = new Set(declared.map((pair) => pair.from));
  // New since the last run. Its file may exist already: a move a killed run left half done, which the move completes.
  const added = [...current.keys()].filter((key) => !previous.has(key) && !claimed.has(key) && byKey.has(key));
  const matched = matchBySchemas(gone.filter((key) => !claimedFrom.has(key) && exists(key)), added, previous, comparable);

  const plan = new RenameBuilder(inputs, byKey, old);
  for (const pair of [...declared, ...matched.pairs]) plan.move(pair);
  for (const group of matched.ambiguous) plan.ambiguous(group.gone, group.added);
  // Remembered: what is current (but members held back, which stay "new" until resolved), and what left but still has its
  // file; fingerprinted as the kept ones are (sorted JSON only while some kept from a definition.json are there).
  const kept = gone.filter((key) => exists(key) && !plan.movedFrom.has(key));
  const history = new Map(kept.length > 0 ? comparable : current);
  for (const [key, stub] of byKey) if (plan.held.has(stub)) history.delete(key);
  for (const key of kept) history.set(key, previous.get(key)!);
  return { moves: plan.moves, held: plan.held, explained: plan.explained, diagnostics: plan.diagnostics, history, membersLeft };
}

/** `renamedFrom` on actions, channels (each of its message types moves) and message types. */
function declaredRenames(model: IntegrationModel): Pair[] {
  const manifest = model.manifest;
  const pairs: Pair[] = [];
  for (const action of model.actions) {
    const from = stringPropertyOf(propertyOf(propertyOf(manifest, 'actions'), action.name), 'renamedFrom');
    if (from !== undefined && from !== action.name) pairs.push({ from: memberKey({ action: from }), to: memberKey({ action: action.name }) });
  }
  for (const channel of model.channels) {
    const value = propertyOf(propertyOf(manifest, 'channels'), channel.name);
    const channelFrom = stringPropertyOf(value, 'renamedFrom') ?? channel.name;
    for (const message of channel.messages) {
      const typeFrom = stringPropertyOf(propertyOf(propertyOf(value, 'messages'), message.name), 'renamedFrom') ?? message.name;
      if (channelFrom === channel.name && typeFrom === message.name) continue;
      pairs.push({ from: memberKey({ channel: channelFrom, type: typeFrom }), to: memberKey({ channel: channel.name, type: message.name }) });
    }
  }
  return pairs;
}

/** The stubs the old members had, laid out as the run that created them did. */
function oldStubs(keys: readonly string[], layout: ProjectLayout): Map<string, HandlerStub> {
  const actions: { name: string }[] = [];
  const channels = new Map<string, { name: string }[]>();
  for (const key of new Set(keys)) {
    const member = parseMemberKey(key);
    if (!member) continue;
    if ('action' in member) actions.push({ name: member.action });
    else channels.set(member.channel, [...(channels.get(member.channel) ?? []), { name: member.type }]);
  }
  const names: HandlerNames = {
    actions: actions.sort((a, b) => compareNames(a.name, b.name)),
    channels: [...channels].sort(([a], [b]) => compareNames(a, b)).map(([name, messages]) => ({ name, messages: messages.sort((a, b) => compareNames(a.name, b.name)) })),
    interfaces: [],
  };
  const byKey = new Map<string, HandlerStub>();
  for (const stub of stubLayout(names, layout).handlers) {
    if (stub.kind === 'action') byKey.set(memberKey({ action: stub.name }), stub);
    else if (stub.kind === 'message') byKey.set(memberKey({ channel: stub.channel!, type: stub.name }), stub);
  }
  return byKey;
}

interface SchemaMatches {
  readonly pairs: readonly Pair[];
  readonly ambiguous: readonly { readonly gone: readonly string[]; readonly added: readonly string[] }[];
}

/**
 * One gone and one new member with the same schemas: a rename. Actions pair
 * with actions; message types with message types of the same channel, or, for
 * a channel that is gone as a whole, with a new channel whose message types
 * are the same names with the same schemas.
 */
function matchBySchemas(gone: readonly string[], added: readonly string[], previous: MemberHashes, current: MemberHashes): SchemaMatches {
  const pairs: Pair[] = [];
  const ambiguous: { gone: string[]; added: string[] }[] = [];
  const channelOf = (key: string) => {
    const member = parseMemberKey(key);
    return member && 'channel' in member ? member.channel : undefined;
  };
  const previousChannels = new Set([...previous.keys()].map(channelOf).filter((name) => name !== undefined));
  const currentChannels = new Set([...current.keys()].map(channelOf).filter((name) => name !== undefined));
  // Whole channels first: a channel gone and a new one with the same message types and schemas.
  const signature = (members: MemberHashes, channel: string) =>
    [...members].filter(([key]) => channelOf(key) === channel).map(([key, hash]) => `${key.slice(key.lastIndexOf('/') + 1)}=${hash}`).sort().join('\n');
  const goneChannels = [...new Set(gone.map(channelOf))].filter((channel): channel is string => channel !== undefined && !currentChannels.has(channel));
  const addedChannels = [...new Set(added.map(channelOf))].filter((channel): channel is string => channel !== undefined && !previousChannels.has(channel));
  const channelGroups = groupBy(goneChannels, addedChannels, (channel) => signature(previous, channel), (channel) => signature(current, channel));
  const movedChannels = new Set<string>();
  for (const group of channelGroups) {
    if (group.gone.length !== 1 || group.added.length !== 1) continue; // reported below, type by type
    const [from, to] = [group.gone[0]!, group.added[0]!];
    movedChannels.add(from).add(to);
    for (const key of gone.filter((k) => channelOf(k) === from)) pairs.push({ from: key, to: memberKey({ channel: to, type: key.slice(key.lastIndexOf('/') + 1) }) });
  }
  // Then member by member: actions, and message types within one channel (or between channels no whole match explains).
  const scope = (key: string) => {
    const channel = channelOf(key);
    return channel === undefined ? 'actions' : previousChannels.has(channel) && currentChannels.has(channel) ? `channels/${channel}` : 'channels/*';
  };
  const rest = (keys: readonly string[]) => keys.filter((key) => !movedChannels.has(channelOf(key) ?? ''));
  for (const group of groupBy(rest(gone), rest(added), (key) => `${scope(key)} ${previous.get(key)}`, (key) => `${scope(key)} ${current.get(key)}`)) {
    if (group.gone.length === 1 && group.added.length === 1) pairs.push({ from: group.gone[0]!, to: group.added[0]! });
    else if (group.gone.length > 0 && group.added.length > 0) ambiguous.push(group);
  }
  return { pairs, ambiguous };
}

/** Gone and added items grouped by a key each side computes; groups in the order of their first gone item. */
function groupBy(gone: readonly string[], added: readonly string[], goneKey: (item: string) => string, addedKey: (item: string) => string): { gone: string[]; added: string[] }[] {
  const groups = new Map<string, { gone: string[]; added: string[] }>();
  const group = (key: string) => {
    let found = groups.get(key);
    if (!found) groups.set(key, (found = { gone: [], added: [] }));
    return found;
  };
  for (const item of gone) group(goneKey(item)).gone.push(item);
  for (const item of added) if (groups.has(addedKey(item))) group(addedKey(item)).added.push(item);
  return [...groups.values()];
}

/** Turns pairs into moves, or into warnings when a move cannot be made safely. */
class RenameBuilder {
  readonly moves: HandlerMove[] = [];
  readonly held = new Set<HandlerStub>();
  readonly explained = new Set<string>();
  readonly diagnostics: Diagnostic[] = [];
  readonly movedFrom = new Set<string>();

  constructor(
    private readonly inputs: RenameInputs,
    private readonly current: ReadonlyMap<string, HandlerStub>,
    private readonly old: ReadonlyMap<string, HandlerStub>,
  ) {}

  move(pair: Pair): void {
    const from = this.old.get(pair.from);
    const to = this.current.get(pair.to);
    if (!from || !to || this.inputs.forced(to.path)) return;
    const source = this.inputs.readFile(from.path);
    if (source === undefined) return; // nothing to move (moved by an earlier run, or never written)
    if (this.inputs.isLink(from.path)) {
      return this.refuse(from, to, `'${this.rel(from.path)}' is a symbolic link, which intc does not move`, `Move it to '${this.rel(to.path)}' by hand.`, true);
    }
    const existing = this.inputs.readFile(to.path);
    // A stub never filled in moves as the new name's fresh stub: nothing of the user's is in it.
    const content = isUntouchedStub(source, from) ? stubTemplate(to) : movedHandlerText(source, from, to, this.inputs.target);
    if (existing === content) return this.done({ from, to, source, content: undefined, replacesStub: false }, pair);
    const replacesStub = existing !== undefined && isUntouchedStub(existing, to);
    if (existing !== undefined && (!replacesStub || this.inputs.isLink(to.path))) {
      return this.refuse(from, to, `'${this.rel(to.path)}' exists already`, `Merge the two files by hand, then delete '${this.rel(from.path)}'.`, false);
    }
    this.done({ from, to, source, content, replacesStub }, pair);
  }

  ambiguous(gone: readonly string[], added: readonly string[]): void {
    const addedStubs = added.map((key) => this.current.get(key)).filter((stub): stub is HandlerStub => stub !== undefined);
    for (const stub of addedStubs) this.held.add(stub);
    const names = addedStubs.map((stub) => `'${handlerDisplayName(stub)}'`);
    const noun = addedStubs[0]?.kind === 'message' ? 'message type' : 'action';
    const added_ = names.length === 1 ? `${noun} ${names[0]} was added` : `${noun}s ${names.join(' and ')} were added`;
    for (const key of gone) {
      const from = this.old.get(key);
      if (!from) continue;
      const others = gone.length > 1 ? `as ${gone.length} ${noun}s that left` : 'as it';
      const reason = `${added_} with the same schemas ${others}, so intc cannot tell which one it became`;
      const advice = `Write \`renamedFrom: ${from.name}\` on the one it became (or delete '${this.rel(from.path)}' if '${from.name}' is gone for good); no stub is created for ${names.join(' or ')} until then.`;
      this.report(from, 'left the manifest', reason, advice);
    }
  }

  private done(move: HandlerMove, pair: Pair): void {
    this.moves.push(move);
    this.movedFrom.add(pair.from);
  }

  private refuse(from: HandlerStub, to: HandlerStub, reason: string, advice: string, hold: boolean): void {
    if (hold) this.held.add(to);
    this.report(from, `was renamed to '${to.name}'`, reason, advice);
  }

  private report(from: HandlerStub, what: string, reason: string, advice: string): void {
    this.explained.add(from.path);
    const location = exportLocation(from.path, this.inputs.readFile(from.path) ?? '', from.exportName);
    this.diagnostics.push(createDiagnostic('rename-not-applied', { kind: from.label.kind, name: from.name, what, file: this.rel(from.path), reason, advice }, location));
  }

  private rel(path: string): string {
    return relative(this.inputs.layout.root, path).split(sep).join('/');
  }
}

/** The file is the stub intc writes for this handler, as written (line endings and trailing blanks aside). */
function isUntouchedStub(text: string, stub: HandlerStub): boolean {
  const normalize = (value: string) => value.replace(/\r\n/g, '\n').replace(/[ \t]+$/gm, '').trimEnd();
  return normalize(text) === normalize(stubTemplate(stub));
}
