import type { PathSegment } from '../../load/source-file.js';
import { INTERFACE_SECTIONS, interfaceEntries, memberRename, type InterfaceSection } from '../../model/interface-extension.js';
import { capitalize } from '../../model/naming.js';
import { canUniteSchemas } from '../../model/unite-schemas.js';
import {
  describeIssue,
  satisfies,
  type CompatibilityIssue,
  type EntityResolver,
  type IssueWording,
  type LocatedSchema,
  type SchemaLocation,
} from '../../model/schema-compatibility.js';
import { entriesOf, isPlainObject, keysOf, propertyOf, stringPropertyOf } from '../../model/values.js';
import type { Rule, RuleContext } from '../rule-context.js';

/**
 * What implementing an interface promises, checked on the manifest values
 * before interfaces are merged (model/interface-extension.ts merges them):
 * each mapped entity satisfies the interface entity it stands for, and an
 * own member that a renamed interface member merges into — or a second
 * interface's member mapped onto the same name — does not contradict it.
 * Inputs go the other way round: the merged action must accept every input
 * the interface allows. Mappings interface-implementations.ts reports are
 * skipped.
 *
 * Objects are open, as Botpress's are: an entity or member may declare more
 * properties than the interface's, whatever `additionalProperties: false`
 * says. What the merge unites (a top-level property one side lacks, or
 * requires and the other does not) is no contradiction where the united
 * schema gives what the interface promises: only in an output, event or message.
 * Each cause is reported once, where it is in this integration.
 */
export const checkInterfaceConformance: Rule = (context) => {
  const implementations = implementationsOf(context);
  if (implementations.length === 0) return;
  const resolveEntity = entityResolver(context.manifest.value, implementations);
  const reporter = new ConformanceReporter(context);
  checkEntities(reporter, implementations, resolveEntity);
  for (const section of INTERFACE_SECTIONS) checkMembers(reporter, section, implementations, resolveEntity);
};

/** Interfaces are judged with Botpress's open objects. */
const OPEN_OBJECTS = { openObjects: true } as const;

/**
 * Reports each cause once. A cause is a schema node of the side that wins
 * the merge (this integration's, or the first interface's) and what is wrong
 * there, whatever value path led to it: one entity reached from several
 * members, or mapped onto several interfaces, is one cause.
 */
class ConformanceReporter {
  private readonly reported = new Set<string>();

  constructor(readonly context: RuleContext) {}

  /** False when this cause was already reported. `node`: the winning side's node the issue is about. */
  claim(issue: CompatibilityIssue, node: SchemaLocation): boolean {
    const key = causeKey(issue, node);
    if (this.reported.has(key)) return false;
    this.reported.add(key);
    return true;
  }
}

function causeKey(issue: CompatibilityIssue, node: SchemaLocation): string {
  // A missing or optional property is located at its object: its name tells two apart.
  const property = issue.kind === 'missing' || issue.kind === 'optional' ? issue.valuePath.at(-1) : '';
  return JSON.stringify([node.manifest, node.path, node.part, issue.kind, issue.requiredAllows, issue.candidateAllows, property]);
}

/** The manifest tag of this integration's schemas; each interface's is `interface:<alias>`. */
const INTEGRATION = 'integration';

interface Implementation {
  readonly alias: string;
  /** The interface's own name, for messages. */
  readonly name: string;
  readonly iface: unknown;
  readonly entry: unknown;
  /** Interface entity → integration entity, only pairs where both exist. */
  readonly entities: ReadonlyMap<string, string>;
}

/** Every readable interface this integration implements, by alias in sorted order (the order merging uses). */
function implementationsOf(context: RuleContext): Implementation[] {
  const ownEntities = keysOf(propertyOf(context.manifest.value, 'entities'));
  const readable = interfaceEntries(context.manifest.value, (from, alias) => context.resolveManifest(from, 'interface', ['interfaces', alias, 'from']));
  return readable.map(({ alias, entry, iface }) => {
    const ifaceEntities = keysOf(propertyOf(iface.value, 'entities'));
    const entities = new Map(
      entriesOf(propertyOf(entry, 'entities')).filter(
        (pair): pair is [string, string] => ifaceEntities.includes(pair[0]) && typeof pair[1] === 'string' && ownEntities.includes(pair[1]),
      ),
    );
    return { alias, name: stringPropertyOf(iface.value, 'name') ?? alias, iface: iface.value, entry, entities };
  });
}

function interfaceTag(implementation: Implementation): string {
  return `interface:${implementation.alias}`;
}

/** `#/entities/<name>`: this integration's entity, or for an interface's schema the entity it is mapped onto. */
function entityResolver(manifest: unknown, implementations: readonly Implementation[]): EntityResolver {
  const byTag = new Map(implementations.map((implementation) => [interfaceTag(implementation), implementation]));
  return (entity, tag) => {
    const own = tag === INTEGRATION ? entity : byTag.get(tag)?.entities.get(entity);
    const definition = own === undefined ? undefined : propertyOf(propertyOf(manifest, 'entities'), own);
    if (own === undefined || !isPlainObject(definition) || !Object.hasOwn(definition, 'schema')) return undefined;
    return { schema: definition.schema, manifest: INTEGRATION, path: ['entities', own, 'schema'] };
  };
}

/**
 * Every mapped entity against the interface entity it stands for. One own
 * entity mapped onto several interfaces' entities (`item` of readable,
 * creatable…) gets one error per cause, naming all of them, at the
 * property of the entity that does not conform.
 */
function checkEntities(reporter: ConformanceReporter, implementations: readonly Implementation[], resolveEntity: EntityResolver): void {
  const { context } = reporter;
  const causes = new Map<string, { entity: string; issue: CompatibilityIssue; requirements: Set<string> }>();
  for (const implementation of implementations) {
    for (const [ifaceEntity, ownEntity] of implementation.entities) {
      const candidate = schemaAt(context.manifest.value, ['entities', ownEntity, 'schema'], INTEGRATION);
      const required = schemaAt(implementation.iface, ['entities', ifaceEntity, 'schema'], interfaceTag(implementation));
      if (!candidate || !required) continue;
      for (const issue of satisfies(candidate, required, resolveEntity, OPEN_OBJECTS)) {
        const key = causeKey(issue, issue.candidate);
        const cause = causes.get(key) ?? { entity: ownEntity, issue, requirements: new Set<string>() };
        cause.requirements.add(JSON.stringify([ifaceEntity, implementation.name]));
        causes.set(key, cause);
      }
    }
  }
  for (const { entity, issue, requirements } of causes.values()) {
    if (!reporter.claim(issue, issue.candidate)) continue;
    const at = issue.candidate.manifest === INTEGRATION ? issue.candidate : { path: ['entities', entity, 'schema'], part: 'key' as const };
    context.report('entity-not-conforming', { entity, required: describeRequirements(requirements), detail: issue.detail }, at.path, at.part);
  }
}

/** "entity 'item' of interfaces 'creatable' and 'readable'", from [interface entity, interface name] pairs. */
function describeRequirements(requirements: ReadonlySet<string>): string {
  const byEntity = new Map<string, string[]>();
  for (const pair of [...requirements].sort()) {
    const [entity, iface] = JSON.parse(pair) as [string, string];
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), iface]);
  }
  const phrases = [...byEntity].map(([entity, ifaces]) => {
    const names = [...new Set(ifaces)].map((name) => `'${name}'`);
    return `entity '${entity}' of interface${names.length > 1 ? 's' : ''} ${andList(names)}`;
  });
  return andList(phrases);
}

function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

// --- members ------------------------------------------------------------------

type Section = InterfaceSection;
const KIND: Record<Section, string> = { actions: 'action', events: 'event', channels: 'channel' };

/** An interface member as it lands in the integration. */
interface Claim {
  readonly implementation: Implementation;
  readonly interfaceName: string;
  readonly member: unknown;
}

/**
 * One schema two members of the same name both have. `satisfies`: the
 * winner's schema must satisfy the other's (what the integration produces);
 * `accepts`: it must accept everything the other's allows (what it is given).
 */
interface SharedSchema {
  readonly path: readonly PathSegment[];
  readonly what: string;
  readonly direction: 'satisfies' | 'accepts';
}

function checkMembers(reporter: ConformanceReporter, section: Section, implementations: readonly Implementation[], resolveEntity: EntityResolver): void {
  const ownMembers = propertyOf(reporter.context.manifest.value, section);
  for (const [name, claims] of claimsByName(section, implementations)) {
    const own = propertyOf(ownMembers, name);
    if (own !== undefined) {
      for (const claim of claims) checkOwnMember(reporter, section, name, own, claim, resolveEntity);
      continue;
    }
    const [first, ...later] = claims;
    if (first) for (const claim of later) checkMergedClaims(reporter, section, name, first, claim, resolveEntity);
  }
}

/** Interface members by the name they get in the integration; claims in alias order. */
function claimsByName(section: Section, implementations: readonly Implementation[]): Map<string, Claim[]> {
  const claims = new Map<string, Claim[]>();
  for (const implementation of implementations) {
    for (const [interfaceName, member] of entriesOf(propertyOf(implementation.iface, section))) {
      const name = memberRename(implementation.entry, section, interfaceName) ?? interfaceName;
      claims.set(name, [...(claims.get(name) ?? []), { implementation, interfaceName, member }]);
    }
  }
  return claims;
}

function sharedSchemas(section: Section, winner: unknown, other: unknown): SharedSchema[] {
  if (section === 'actions') {
    return [
      { path: ['input', 'schema'], what: 'input', direction: 'accepts' },
      { path: ['output', 'schema'], what: 'output', direction: 'satisfies' },
    ];
  }
  if (section === 'events') return [{ path: ['schema'], what: 'payload', direction: 'satisfies' }];
  const otherTypes = keysOf(propertyOf(other, 'messages'));
  return keysOf(propertyOf(winner, 'messages'))
    .filter((type) => otherTypes.includes(type))
    .map((type) => ({ path: ['messages', type, 'schema'], what: `${type} message`, direction: 'satisfies' }));
}

/** An own member wins the merge: it must fit the interface's member of the same (renamed) name. */
function checkOwnMember(reporter: ConformanceReporter, section: Section, name: string, own: unknown, claim: Claim, resolveEntity: EntityResolver): void {
  const kind = KIND[section];
  const member = `${capitalize(kind)} '${name}'`;
  const other = `${kind} '${claim.interfaceName}' of interface '${claim.implementation.name}'`;
  for (const shared of sharedSchemas(section, own, claim.member)) {
    const ownSchema = schemaAt(own, shared.path, INTEGRATION, [section, name]);
    const ifaceSchema = schemaAt(claim.member, shared.path, interfaceTag(claim.implementation), [section, claim.interfaceName]);
    if (!ownSchema || !ifaceSchema) continue;
    const wording: IssueWording =
      shared.direction === 'satisfies'
        ? { focus: 'candidate', candidateIn: 'here', what: shared.what }
        : { focus: 'required', requiredIn: 'here', candidateNoun: 'the interface', what: shared.what };
    for (const { issue, winnerSide } of compareShared(shared, ownSchema, ifaceSchema, resolveEntity)) {
      if (!reporter.claim(issue, winnerSide)) continue;
      const location = winnerSide.manifest === INTEGRATION ? winnerSide : { path: [section, name], part: 'key' as const };
      reporter.context.report('interface-conflict', { member, other, detail: describeIssue(issue, wording) }, location.path, location.part);
    }
  }
}

/** Two interfaces' members under one name: the first alias wins the merge, so it must fit the later one. */
function checkMergedClaims(reporter: ConformanceReporter, section: Section, name: string, first: Claim, claim: Claim, resolveEntity: EntityResolver): void {
  const kind = KIND[section];
  const [firstLabel, claimLabel] = interfaceLabels(first.implementation, claim.implementation);
  const member = `${capitalize(kind)} '${claim.interfaceName}' of ${claimLabel}`;
  const other = `${kind} '${first.interfaceName}' of ${firstLabel}, merged into the same ${kind} '${name}'`;
  const overridden = propertyOf(propertyOf(claim.implementation.entry, section), claim.interfaceName) !== undefined;
  const at = overridden ? ['interfaces', claim.implementation.alias, section, claim.interfaceName] : ['interfaces', claim.implementation.alias];
  for (const shared of sharedSchemas(section, first.member, claim.member)) {
    const winner = schemaAt(first.member, shared.path, interfaceTag(first.implementation), [section, first.interfaceName]);
    const loser = schemaAt(claim.member, shared.path, interfaceTag(claim.implementation), [section, claim.interfaceName]);
    if (!winner || !loser) continue;
    const wording: IssueWording =
      shared.direction === 'satisfies'
        ? { focus: 'candidate', candidateIn: `in ${firstLabel}`, requiredIn: `in ${claimLabel}`, what: shared.what }
        : { focus: 'required', requiredIn: `in ${firstLabel}`, candidateNoun: claimLabel, what: shared.what };
    for (const { issue, winnerSide } of compareShared(shared, winner, loser, resolveEntity)) {
      if (!reporter.claim(issue, winnerSide)) continue;
      reporter.context.report('interface-conflict', { member, other, detail: describeIssue(issue, wording) }, at, 'key');
    }
  }
}

/**
 * Compares the winner's schema with the other's in the shared schema's
 * direction; `winnerSide`: the winner's node. Where the merge unites the two
 * (unite-schemas.ts), a top-level property the winner lacks or leaves
 * optional is added or required by the union: no contradiction for what the
 * integration gives. In an input it is one: the union would require what
 * the interface's callers may leave out.
 */
function compareShared(shared: SharedSchema, winner: LocatedSchema, other: LocatedSchema, resolveEntity: EntityResolver): { issue: CompatibilityIssue; winnerSide: SchemaLocation }[] {
  if (shared.direction === 'accepts') return satisfies(other, winner, resolveEntity, OPEN_OBJECTS).map((issue) => ({ issue, winnerSide: issue.required }));
  const united = canUniteSchemas(winner.schema, other.schema);
  return satisfies(winner, other, resolveEntity, OPEN_OBJECTS)
    .filter((issue) => !(united && issue.valuePath.length === 1 && (issue.kind === 'missing' || issue.kind === 'optional')))
    .map((issue) => ({ issue, winnerSide: issue.candidate }));
}

/** "interface 'llm'", with the alias when both interfaces have the same name. */
function interfaceLabels(a: Implementation, b: Implementation): [string, string] {
  const label = (implementation: Implementation) =>
    a.name === b.name ? `interface '${implementation.name}' (alias '${implementation.alias}')` : `interface '${implementation.name}'`;
  return [label(a), label(b)];
}

/** The schema at `path` in `container`, which sits at `containerPath` of `manifest`; undefined when absent. */
function schemaAt(container: unknown, path: readonly PathSegment[], manifest: string, containerPath: readonly PathSegment[] = []): LocatedSchema | undefined {
  let schema: unknown = container;
  for (const segment of path) schema = propertyOf(schema, String(segment));
  return schema === undefined ? undefined : { schema, manifest, path: [...containerPath, ...path] };
}
