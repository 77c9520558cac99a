/**
 * The one table of `intc diff` change codes, as src/diagnostics/codes.ts is
 * for diagnostics: each code has a fixed severity and a message template.
 * Codes are stable (CI filters and tests match on them): never renamed, only
 * added. Schema codes come in two families by the direction a value travels:
 * `input-*` (what callers, installers and the old version's stored states
 * send in: a narrower schema breaks them) and `output-*` (what bots read
 * back: a wider schema breaks them), as `buf breaking` tells wire from
 * source compatibility and oasdiff tells request from response.
 */

/**
 * breaking: a bot or caller built against the old version can break;
 * feature: a backward-compatible addition or loosening; patch: titles,
 * descriptions and other annotations.
 */
export type ChangeSeverity = 'breaking' | 'feature' | 'patch';

interface ChangeDefinition<P> {
  readonly severity: ChangeSeverity;
  readonly message: (params: P) => string;
}

function change<P>(severity: ChangeSeverity, message: (params: P) => string): ChangeDefinition<P> {
  return { severity, message };
}

/** A named member: `what` is "Action 'sendMessage'", "Conversation tag 'chatId' of channel 'dm'". */
interface Member {
  readonly what: string;
}

/**
 * A change inside a schema. `subject`: "action 'sendMessage' input property
 * 'chatId'"; `detail`: what changed ("a number", "minLength 1 → 3");
 * `who`: the values or readers the old version's users have ("calls made
 * against the old version", "bots handling the event").
 */
interface SchemaChange {
  readonly subject: string;
  readonly detail: string;
  readonly who: string;
}

const fails = (p: SchemaChange) => `: ${p.who} can now fail validation.`;
const breaks = (p: SchemaChange) => `: ${p.who} built against the old version can break.`;

export const changeCodes = {
  // Members: removing or renaming one breaks whoever uses it; adding one is a feature.
  'integration-renamed': change<{ from: string; to: string }>(
    'breaking',
    (p) => `The integration was renamed from '${p.from}' to '${p.to}': bots install it by name.`,
  ),
  'action-removed': change<Member>('breaking', (p) => `${p.what} was removed: bots calling it break.`),
  'action-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'event-removed': change<Member>('breaking', (p) => `${p.what} was removed: bots handling it never receive it again.`),
  'event-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'channel-removed': change<Member>('breaking', (p) => `${p.what} was removed: bots sending on it or disabling it break.`),
  'channel-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'message-type-removed': change<Member>('breaking', (p) => `${p.what} was removed: bots sending or handling it break.`),
  'message-type-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'state-removed': change<Member>('breaking', (p) => `${p.what} was removed: what the old version stored there is lost to readers.`),
  'state-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'state-scope-changed': change<Member & { from: string; to: string }>(
    'breaking',
    (p) => `${p.what} moved from ${p.from} to ${p.to} scope: values the old version stored are no longer found.`,
  ),
  'entity-removed': change<Member>('breaking', (p) => `${p.what} was removed: code and interfaces using it break.`),
  'entity-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'configuration-removed': change<Member>(
    'breaking',
    (p) => `${p.what} was removed: installations using it can no longer be configured.`,
  ),
  'configuration-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'required-configuration-added': change<Member & { required: string }>(
    'breaking',
    (p) => `${p.what} was added and requires ${p.required}: existing installations do not set it.`,
  ),
  'tag-removed': change<Member>('breaking', (p) => `${p.what} was removed: bots reading or setting it break.`),
  'tag-added': change<Member>('feature', (p) => `${p.what} was added.`),
  'secret-added': change<Member>('feature', (p) => `${p.what} was added (optional).`),
  'required-secret-added': change<Member>('breaking', (p) => `${p.what} was added and is required: existing installations do not set it.`),
  'secret-removed': change<Member>('feature', (p) => `${p.what} was removed.`),
  'secret-made-required': change<Member>('breaking', (p) => `${p.what} is now required: installations that leave it out stop starting.`),
  'secret-made-optional': change<Member>('feature', (p) => `${p.what} is now optional.`),
  'interface-removed': change<Member>(
    'breaking',
    (p) => `${p.what} is no longer implemented: bots and plugins using the integration through it break.`,
  ),
  'interface-added': change<Member>('feature', (p) => `${p.what} is now implemented.`),
  'action-billable-changed': change<Member & { now: boolean }>('feature', (p) => `${p.what} is ${p.now ? 'now' : 'no longer'} billable.`),
  'action-cacheable-changed': change<Member & { now: boolean }>('feature', (p) => `${p.what} is ${p.now ? 'now' : 'no longer'} cacheable.`),
  'identifier-changed': change<Member>('feature', (p) => `${p.what} changed: users may be identified differently.`),

  // Inputs: what callers send (action input), installers configure (configuration), bots send
  // (message payloads) and the old version stored (states). Narrowing breaks them.
  'input-property-removed': change<SchemaChange>('breaking', (p) => `${p.subject} was removed: ${p.who} that set it lose that value.`),
  'input-required-property-added': change<SchemaChange>('breaking', (p) => `${p.subject} is new and required${fails(p)}`),
  'input-optional-property-added': change<SchemaChange>('feature', (p) => `${p.subject} was added (optional).`),
  'input-property-made-required': change<SchemaChange>('breaking', (p) => `${p.subject} is now required${fails(p)}`),
  'input-property-made-optional': change<SchemaChange>('feature', (p) => `${p.subject} is now optional.`),
  'input-type-narrowed': change<SchemaChange>('breaking', (p) => `${p.subject} no longer accepts ${p.detail}${fails(p)}`),
  'input-type-widened': change<SchemaChange>('feature', (p) => `${p.subject} now also accepts ${p.detail}.`),
  'input-enum-value-removed': change<SchemaChange>('breaking', (p) => `${p.subject} no longer accepts ${p.detail}${fails(p)}`),
  'input-enum-value-added': change<SchemaChange>('feature', (p) => `${p.subject} now also accepts ${p.detail}.`),
  'input-constraint-tightened': change<SchemaChange>('breaking', (p) => `${p.subject} is more constrained (${p.detail})${fails(p)}`),
  'input-constraint-loosened': change<SchemaChange>('feature', (p) => `${p.subject} is less constrained (${p.detail}).`),
  'input-schema-changed': change<SchemaChange>(
    'breaking',
    (p) => `${p.subject} changed in a way intc cannot prove compatible (${p.detail})${fails(p)}`,
  ),

  // Outputs: what bots read (action output, events, message payloads). Widening breaks them.
  'output-property-removed': change<SchemaChange>('breaking', (p) => `${p.subject} was removed${breaks(p)}`),
  'output-property-added': change<SchemaChange>('feature', (p) => `${p.subject} was added.`),
  'output-property-made-optional': change<SchemaChange>('breaking', (p) => `${p.subject} is now optional (may be missing)${breaks(p)}`),
  'output-property-made-required': change<SchemaChange>('feature', (p) => `${p.subject} is now always present.`),
  'output-type-widened': change<SchemaChange>('breaking', (p) => `${p.subject} may now be ${p.detail}${breaks(p)}`),
  'output-type-narrowed': change<SchemaChange>('feature', (p) => `${p.subject} is no longer ${p.detail}.`),
  'output-enum-value-added': change<SchemaChange>('breaking', (p) => `${p.subject} may now be ${p.detail}${breaks(p)}`),
  'output-enum-value-removed': change<SchemaChange>('feature', (p) => `${p.subject} is no longer ${p.detail}.`),
  'output-constraint-loosened': change<SchemaChange>('breaking', (p) => `${p.subject} is less constrained (${p.detail})${breaks(p)}`),
  'output-constraint-tightened': change<SchemaChange>('feature', (p) => `${p.subject} is more constrained (${p.detail}).`),
  'output-schema-changed': change<SchemaChange>(
    'breaking',
    (p) => `${p.subject} changed in a way intc cannot prove compatible (${p.detail})${breaks(p)}`,
  ),

  // Either direction
  'default-changed': change<SchemaChange>('feature', (p) => `The default of ${p.subject} changed (${p.detail}).`),

  // Documentation
  'title-changed': change<Member & { detail: string }>('patch', (p) => `The title of ${p.what} changed (${p.detail}).`),
  'description-changed': change<Member>('patch', (p) => `The description of ${p.what} changed.`),
  'annotation-changed': change<Member & { detail: string }>('patch', (p) => `${p.what}: ${p.detail} changed.`),
} as const;

export type ChangeCode = keyof typeof changeCodes;
export type ChangeParams<C extends ChangeCode> = Parameters<(typeof changeCodes)[C]['message']>[0];
/** The codes whose message needs only the member (`{ what }`): removals and additions. */
export type MemberChangeCode = { [C in ChangeCode]: [ChangeParams<C>] extends [Member] ? ([Member] extends [ChangeParams<C>] ? C : never) : never }[ChangeCode];

const SEVERITY_RANK: Record<ChangeSeverity, number> = { patch: 1, feature: 2, breaking: 3 };

export function severityRank(severity: ChangeSeverity): number {
  return SEVERITY_RANK[severity];
}

/** The message of a change, first letter capitalized. */
export function changeMessage<C extends ChangeCode>(code: C, params: ChangeParams<C>): string {
  const message = (changeCodes[code].message as (p: ChangeParams<C>) => string)(params);
  return message.charAt(0).toUpperCase() + message.slice(1);
}
