/**
 * Compares two resolved integration definitions (interfaces merged in),
 * member by member: what was removed (breaking), added (a feature), or
 * changed, each schema judged by the direction its values travel
 * (compare-schemas.ts). Output order is fixed (sections in manifest order,
 * names sorted); every change carries the path it is at on its side.
 */
import type { ValuePath } from '../load/source-file.js';
import { compareNames, type IntegrationModel } from '../model/integration-model.js';
import { jsonEqual } from '../model/schema-compatibility.js';
import { keysOf, propertyOf, stringPropertyOf, type PlainObject } from '../model/values.js';
import type { MemberChangeCode } from './change-codes.js';
import { createChange, siteIn, type Change, type Side } from './change.js';
import { compareSchemas, describeEdit, type Direction, type EntitySchemas } from './compare-schemas.js';

type MemberCodes = { readonly removed: MemberChangeCode; readonly added: MemberChangeCode };

/** Every change from `before` to `after`. */
export function compareDefinitions(before: IntegrationModel, after: IntegrationModel): Change[] {
  return new DefinitionComparison(before, after).run();
}

class DefinitionComparison {
  private readonly changes: Change[] = [];
  private readonly old: PlainObject;
  private readonly new: PlainObject;
  private readonly entities: { readonly old: EntitySchemas; readonly new: EntitySchemas };
  /** Entities some compared schema uses on both sides: their changes are judged there. */
  private readonly reached = new Set<string>();

  constructor(
    private readonly before: IntegrationModel,
    private readonly after: IntegrationModel,
  ) {
    this.old = before.manifest;
    this.new = after.manifest;
    this.entities = { old: entitySchemas(before), new: entitySchemas(after) };
  }

  run(): Change[] {
    this.compareIntegration();
    this.compareDefaultConfiguration();
    this.compareMembers(['configurations'], { removed: 'configuration-removed', added: 'configuration-added' }, (name) => `configuration '${name}'`, (path, what) => {
      this.compareDocs(what, path);
      this.compareSchema(what, 'input', [...path, 'schema'], 'existing configurations', '');
      this.compareIdentifier(`the identifier of ${what}`, [...path, 'identifier']);
    });
    this.compareMembers(['actions'], { removed: 'action-removed', added: 'action-added' }, (name) => `action '${name}'`, (path, what) => this.compareAction(path, what));
    this.compareMembers(['events'], { removed: 'event-removed', added: 'event-added' }, (name) => `event '${name}'`, (path, what) => {
      this.compareDocs(what, path, ['attributes']);
      this.compareSchema(what, 'output', [...path, 'schema'], '', 'bots handling the event');
    });
    this.compareMembers(['channels'], { removed: 'channel-removed', added: 'channel-added' }, (name) => `channel '${name}'`, (path, what) => this.compareChannel(path, what));
    this.compareMembers(['states'], { removed: 'state-removed', added: 'state-added' }, (name) => `state '${name}'`, (path, what) => this.compareState(path, what));
    this.compareEntities();
    this.compareTags(['user'], 'user tag');
    this.compareSecrets();
    this.compareInterfaces();
    return this.changes;
  }

  private compareIntegration(): void {
    const [oldName, newName] = [stringPropertyOf(this.old, 'name'), stringPropertyOf(this.new, 'name')];
    if (oldName !== newName) this.add(createChange('integration-renamed', { from: String(oldName), to: String(newName) }, siteIn('new', ['name'], 'value')));
    this.compareDocs('the integration', [], ['icon', 'readme', 'attributes']);
    this.compareIdentifier('the identifier', ['identifier']);
  }

  /** `configuration:` — the one every installation without a `configurationType` uses. */
  private compareDefaultConfiguration(): void {
    const path = ['configuration'];
    const what = 'the default configuration';
    const [before, after] = [propertyOf(this.old, 'configuration'), propertyOf(this.new, 'configuration')];
    if (before === undefined && after === undefined) return;
    if (after === undefined) {
      this.add(createChange('configuration-removed', { what }, siteIn('old', path)));
    } else if (before === undefined) {
      const required = requiredNames(propertyOf(after, 'schema'));
      this.add(
        required.length > 0
          ? createChange('required-configuration-added', { what, required: required.map((name) => `'${name}'`).join(', ') }, siteIn('new', path))
          : createChange('configuration-added', { what }, siteIn('new', path)),
      );
    } else {
      this.compareSchema('configuration', 'input', [...path, 'schema'], 'existing configurations', '');
      this.compareIdentifier("the configuration's identifier", [...path, 'identifier']);
    }
  }

  private compareAction(path: ValuePath, what: string): void {
    this.compareDocs(what, path, ['attributes']);
    for (const flag of ['billable', 'cacheable'] as const) {
      const [before, after] = [this.valueAt('old', [...path, flag]) === true, this.valueAt('new', [...path, flag]) === true];
      if (before === after) continue;
      const code = flag === 'billable' ? 'action-billable-changed' : 'action-cacheable-changed';
      this.add(createChange(code, { what, now: after }, this.siteOf([...path, flag])));
    }
    this.compareSchema(`${what} input`, 'input', [...path, 'input', 'schema'], 'calls made against the old version', '');
    this.compareSchema(`${what} output`, 'output', [...path, 'output', 'schema'], '', 'callers reading the result');
  }

  private compareChannel(path: ValuePath, what: string): void {
    this.compareDocs(what, path);
    const channel = String(path[1]);
    this.compareMembers([...path, 'messages'], { removed: 'message-type-removed', added: 'message-type-added' }, (type) => `message type '${type}' of channel '${channel}'`, (messagePath, messageWhat) => {
      this.compareDocs(messageWhat, messagePath);
      this.compareSchema(`message '${String(messagePath[3])}' of channel '${channel}'`, 'both', [...messagePath, 'schema'], 'messages built against the old version', 'bots receiving the message');
    });
    this.compareTags([...path, 'conversation'], `conversation tag`, ` of channel '${channel}'`);
    this.compareTags([...path, 'message'], `message tag`, ` of channel '${channel}'`);
  }

  private compareState(path: ValuePath, what: string): void {
    const [before, after] = [stringPropertyOf(this.valueAt('old', path), 'type') ?? 'integration', stringPropertyOf(this.valueAt('new', path), 'type') ?? 'integration'];
    if (before !== after) this.add(createChange('state-scope-changed', { what, from: before, to: after }, this.siteOf([...path, 'type'])));
    this.compareDocs(what, path);
    this.compareSchema(what, 'input', [...path, 'schema'], 'values stored by the old version', '');
  }

  /**
   * Entities: removed or added here; a change inside one is judged where it
   * is used (compareSchema follows `$ref`s on both sides, so this runs after
   * every member), so here only its own docs, or, when no use was compared,
   * its schema in both directions.
   */
  private compareEntities(): void {
    this.compareMembers(['entities'], { removed: 'entity-removed', added: 'entity-added' }, (name) => `entity '${name}'`, (path, what) => {
      this.compareDocs(what, path);
      const judgedAtUses = this.reached.has(String(path[1]));
      this.compareSchema(what, 'both', [...path, 'schema'], 'values built against the old version', 'code using the entity', judgedAtUses);
    });
  }

  private compareTags(container: ValuePath, kind: string, suffix = ''): void {
    this.compareMembers([...container, 'tags'], { removed: 'tag-removed', added: 'tag-added' }, (name) => `${kind} '${name}'${suffix}`, (path, what) => this.compareDocs(what, path));
  }

  private compareSecrets(): void {
    this.compareMembers(['secrets'], { removed: 'secret-removed', added: 'secret-added' }, (name) => `secret '${name}'`, (path, what) => {
      this.compareDocs(what, path);
      const [before, after] = [this.valueAt('old', [...path, 'optional']) === true, this.valueAt('new', [...path, 'optional']) === true];
      if (before && !after) this.add(createChange('secret-made-required', { what }, this.siteOf([...path, 'optional'])));
      if (!before && after) this.add(createChange('secret-made-optional', { what }, this.siteOf([...path, 'optional'])));
    }, (path) => (this.valueAt('new', [...path, 'optional']) === true ? 'secret-added' : 'required-secret-added'));
  }

  /** By alias: the interface an entry extends, and which one. Its members are compared with the integration's. */
  private compareInterfaces(): void {
    const describe = (model: IntegrationModel, alias: string) => {
      const extension = model.interfaces.find((candidate) => candidate.alias === alias);
      return extension ? `interface '${extension.name}' (alias '${alias}')` : `interface alias '${alias}'`;
    };
    const oldAliases = this.before.interfaces.map((extension) => extension.alias);
    const newAliases = this.after.interfaces.map((extension) => extension.alias);
    for (const alias of oldAliases.filter((name) => !newAliases.includes(name))) {
      this.add(createChange('interface-removed', { what: describe(this.before, alias) }, siteIn('old', ['interfaces', alias])));
    }
    for (const alias of newAliases.filter((name) => !oldAliases.includes(name))) {
      this.add(createChange('interface-added', { what: describe(this.after, alias) }, siteIn('new', ['interfaces', alias])));
    }
  }

  // --- shared ---------------------------------------------------------------------------------------

  /**
   * The named members under `mapPath` on both sides: removed ones at their
   * old key, added ones at their new key, and `both` for the ones kept.
   */
  private compareMembers(
    mapPath: ValuePath,
    codes: MemberCodes,
    describe: (name: string) => string,
    both: (path: ValuePath, what: string) => void,
    addedCode: (path: ValuePath) => MemberChangeCode = () => codes.added,
  ): void {
    const before = keysOf(this.valueAt('old', mapPath));
    const after = keysOf(this.valueAt('new', mapPath));
    const names = [...new Set([...before, ...after])].sort(compareNames);
    for (const name of names) {
      const path = [...mapPath, name];
      const what = describe(name);
      if (!after.includes(name)) this.add(createChange(codes.removed, { what }, siteIn('old', path)));
      else if (!before.includes(name)) this.add(createChange(addedCode(path), { what }, siteIn('new', path)));
      else both(path, what);
    }
  }

  /** title and description (patch), and any of `annotations` (icon, readme, attributes…) that changed. */
  private compareDocs(what: string, path: ValuePath, annotations: readonly string[] = []): void {
    const [before, after] = [this.valueAt('old', path), this.valueAt('new', path)];
    const [oldTitle, newTitle] = [stringPropertyOf(before, 'title'), stringPropertyOf(after, 'title')];
    if (oldTitle !== newTitle) {
      const detail = describeEdit(oldTitle === undefined ? undefined : `'${oldTitle}'`, newTitle === undefined ? undefined : `'${newTitle}'`);
      this.add(createChange('title-changed', { what, detail }, this.siteOf([...path, 'title'])));
    }
    if (stringPropertyOf(before, 'description') !== stringPropertyOf(after, 'description')) {
      this.add(createChange('description-changed', { what }, this.siteOf([...path, 'description'])));
    }
    for (const key of annotations) {
      if (!jsonEqual(propertyOf(before, key), propertyOf(after, key))) this.add(createChange('annotation-changed', { what, detail: `'${key}'` }, this.siteOf([...path, key])));
    }
  }

  private compareIdentifier(what: string, path: ValuePath): void {
    if (!jsonEqual(this.valueAt('old', path), this.valueAt('new', path))) this.add(createChange('identifier-changed', { what }, this.siteOf(path)));
  }

  private compareSchema(label: string, direction: Direction, path: ValuePath, senders: string, readers: string, docsOnly = false): void {
    const root = { label, direction, senders, readers, oldPath: path, newPath: path };
    const options = { entities: this.entities, skipEntityDocs: true, docsOnly, reached: this.reached };
    for (const change of compareSchemas(root, this.valueAt('old', path), this.valueAt('new', path), options)) this.add(change);
  }

  /** A value's new place when it is there, else the closest place in the new definition (where it was removed from). */
  private siteOf(path: ValuePath) {
    const value = this.valueAt('new', path);
    if (value === undefined) return siteIn('new', path.slice(0, -1), 'key');
    return siteIn('new', path, typeof value === 'object' && value !== null ? 'key' : 'value');
  }

  private valueAt(side: Side, path: ValuePath): unknown {
    let current: unknown = side === 'old' ? this.old : this.new;
    for (const segment of path) current = propertyOf(current, String(segment));
    return current;
  }

  private add(change: Change): void {
    this.changes.push(change);
  }
}

function entitySchemas(model: IntegrationModel): Map<string, unknown> {
  return new Map(model.entities.map((entity) => [entity.name, entity.schema]));
}

/** The required property names of an object schema (for a configuration that appears). */
function requiredNames(schema: unknown): string[] {
  const required = propertyOf(schema, 'required');
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string').sort(compareNames) : [];
}
