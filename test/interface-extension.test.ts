/** resolveInterfaces: how an interface's members land in the integration that extends it. */
import { describe, expect, it } from 'vitest';
import { resolveInterfaces, type ExtendedInterface } from '../packages/intc/src/model/interface-extension.js';
import { canUniteSchemas, uniteSchemas } from '../packages/intc/src/model/unite-schemas.js';
import type { PlainObject } from '../packages/intc/src/model/values.js';

const objectOf = (properties: PlainObject, required: string[] = []) => ({ type: 'object', properties, required });

const chat: PlainObject = {
  name: 'chat',
  version: '1.0.0',
  title: 'Chat',
  entities: { thing: { schema: objectOf({ id: { type: 'string' } }, ['id']) } },
  actions: {
    getThing: {
      title: 'Get a thing',
      billable: false,
      input: { schema: objectOf({ id: { type: 'string' } }, ['id']) },
      // A `const` that looks like a ref is data: it must not be rewritten.
      output: { schema: objectOf({ thing: { $ref: '#/entities/thing' }, kind: { const: { $ref: '#/entities/thing' } } }, ['thing']) },
    },
  },
  events: { thingChanged: { schema: objectOf({ things: { type: 'array', items: { $ref: '#/entities/thing' } } }) } },
  channels: { inbox: { title: 'Inbox', messages: { text: { schema: objectOf({ text: { type: 'string' } }) } }, conversation: { tags: { room: {} } } } },
};

function iface(alias: string, value: PlainObject = chat): ExtendedInterface {
  return { alias, value, manifestPath: `/interfaces/${alias}/interface.yaml` };
}

function integration(interfaces: PlainObject, own: PlainObject = {}): PlainObject {
  return { name: 'acme', version: '1.0.0', entities: { widget: { schema: objectOf({ id: { type: 'string' }, size: { type: 'integer' } }, ['id']) } }, ...own, interfaces };
}

describe('resolveInterfaces', () => {
  it('renames members, points entity refs at the mapped entity and applies overrides', () => {
    const manifest = integration({ chat: { from: '../chat', entities: { thing: 'widget' }, actions: { getThing: { name: 'getWidget', billable: true } }, events: { thingChanged: { name: 'widgetChanged' } } } });
    const { manifest: resolved, extensions } = resolveInterfaces(manifest, [iface('chat')]);
    const actions = resolved.actions as PlainObject;
    expect(Object.keys(actions)).toEqual(['getWidget']);
    expect(actions.getWidget).toMatchObject({ title: 'Get a thing', billable: true });
    const output = (actions.getWidget as { output: { schema: { properties: PlainObject } } }).output.schema.properties;
    expect(output.thing).toEqual({ $ref: '#/entities/widget' });
    expect(output.kind).toEqual({ const: { $ref: '#/entities/thing' } });
    expect(JSON.stringify((resolved.events as PlainObject).widgetChanged)).toContain('#/entities/widget');
    expect(extensions[0]).toMatchObject({
      alias: 'chat',
      name: 'chat',
      version: '1.0.0',
      entities: [{ interfaceName: 'thing', name: 'widget' }],
      renames: { actions: [{ interfaceName: 'getThing', name: 'getWidget' }], events: [{ interfaceName: 'thingChanged', name: 'widgetChanged' }], channels: [{ interfaceName: 'inbox', name: 'inbox' }] },
    });
    // The interface as implemented keeps the interface's names.
    expect(Object.keys(extensions[0]!.resolved.actions)).toEqual(['getThing']);
  });

  it('leaves the manifest and the interface as they were', () => {
    const manifest = integration({ chat: { from: '../chat', entities: { thing: 'widget' } } });
    const before = JSON.stringify([manifest, chat]);
    resolveInterfaces(manifest, [iface('chat')]);
    expect(JSON.stringify([manifest, chat])).toBe(before);
  });

  it('merges an own member of the same name: own metadata wins, the entry overrides both, the schemas are united', () => {
    const ownOutput = { schema: objectOf({ thing: { $ref: '#/entities/widget' }, extra: { type: 'string' } }, ['thing', 'extra']) };
    const manifest = integration(
      { chat: { from: '../chat', entities: { thing: 'widget' }, actions: { getThing: { description: 'From the entry' } } } },
      { actions: { getThing: { title: 'Own title', input: { schema: objectOf({ id: { type: 'string' } }, ['id']) }, output: ownOutput } } },
    );
    const action = (resolveInterfaces(manifest, [iface('chat')]).manifest.actions as PlainObject).getThing as PlainObject;
    expect(action.title).toBe('Own title');
    expect(action.description).toBe('From the entry');
    // The own properties first (kept where both declare one), then the interface's others; required of both.
    expect(action.output).toEqual({
      schema: objectOf({ thing: { $ref: '#/entities/widget' }, extra: { type: 'string' }, kind: { const: { $ref: '#/entities/thing' } } }, ['thing', 'extra']),
    });
  });

  it('unites input, output, event and message schemas: properties of both, required of both, the own property kept', () => {
    const manifest = integration(
      { chat: { from: '../chat', entities: { thing: 'widget' } } },
      {
        actions: {
          getThing: {
            input: { schema: { ...objectOf({ id: { type: 'string', minLength: 3 }, verbose: { type: 'boolean' } }), additionalProperties: false } },
            output: { schema: objectOf({ thing: { $ref: '#/entities/widget' } }) },
          },
        },
        events: { thingChanged: { schema: objectOf({ at: { type: 'string' } }, ['at']) } },
        channels: { inbox: { messages: { text: { schema: objectOf({ text: { type: 'string' }, html: { type: 'string' } }, ['text']) } } } },
      },
    );
    const { actions, events, channels } = resolveInterfaces(manifest, [iface('chat')]).manifest as Record<string, PlainObject>;
    const getThing = actions!.getThing as { input: { schema: PlainObject }; output: { schema: PlainObject } };
    expect(getThing.input.schema).toEqual({
      type: 'object',
      properties: { id: { type: 'string', minLength: 3 }, verbose: { type: 'boolean' } },
      required: ['id'],
      additionalProperties: false,
    });
    expect(Object.keys(getThing.output.schema.properties as PlainObject)).toEqual(['thing', 'kind']);
    expect(getThing.output.schema.required).toEqual(['thing']);
    const thingChanged = events!.thingChanged as { schema: PlainObject };
    expect(thingChanged.schema).toEqual(objectOf({ at: { type: 'string' }, things: { type: 'array', items: { $ref: '#/entities/widget' } } }, ['at']));
    const text = ((channels!.inbox as PlainObject).messages as Record<string, { schema: PlainObject }>).text!;
    expect(text.schema).toEqual(objectOf({ text: { type: 'string' }, html: { type: 'string' } }, ['text']));
  });

  it('keeps an own schema that is an entity $ref as it is (conformance judges it)', () => {
    const manifest = integration({ chat: { from: '../chat', entities: { thing: 'widget' } } }, { actions: { getThing: { input: { schema: { $ref: '#/entities/widget' } }, output: { schema: { $ref: '#/entities/widget' } } } } });
    const action = (resolveInterfaces(manifest, [iface('chat')]).manifest.actions as PlainObject).getThing as PlainObject;
    expect(action.input).toEqual({ schema: { $ref: '#/entities/widget' } });
  });

  it('leaves the interface as implemented as the interface wrote it', () => {
    const manifest = integration({ chat: { from: '../chat', entities: { thing: 'widget' } } }, { actions: { getThing: { input: { schema: objectOf({ id: { type: 'string' } }) }, output: { schema: objectOf({}) } } } });
    const { manifest: resolved, extensions } = resolveInterfaces(manifest, [iface('chat')]);
    const output = (extensions[0]!.resolved.actions.getThing as { output: { schema: { properties: PlainObject } } }).output.schema;
    expect(Object.keys(output.properties)).toEqual(['thing', 'kind']);
    // The united copy is not the interface's own object.
    const merged = ((resolved.actions as PlainObject).getThing as { output: { schema: { properties: PlainObject } } }).output.schema;
    expect(merged.properties.thing).not.toBe(output.properties.thing);
  });

  it('applies attributes overrides to actions and events, replacing the interface\'s', () => {
    const withAttributes: PlainObject = {
      ...chat,
      actions: { getThing: { ...(chat.actions as Record<string, PlainObject>).getThing, attributes: { hidden: 'true', kept: 'no' } } },
      events: { thingChanged: { ...(chat.events as Record<string, PlainObject>).thingChanged, attributes: { hidden: 'true' } } },
    };
    const manifest = integration({
      chat: { from: '../chat', entities: { thing: 'widget' }, actions: { getThing: { attributes: { bpActionHiddenInStudio: 'true' } } }, events: { thingChanged: { name: 'changed', attributes: { x: 'y' } } } },
    });
    const resolved = resolveInterfaces(manifest, [iface('chat', withAttributes)]).manifest as Record<string, Record<string, PlainObject>>;
    expect(resolved.actions!.getThing!.attributes).toEqual({ bpActionHiddenInStudio: 'true' });
    expect(resolved.events!.changed!.attributes).toEqual({ x: 'y' });
  });

  it('merges channel tags per tag: interface < own < entry, as the SDK resolves them', () => {
    const manifest = integration(
      {
        chat: {
          from: '../chat',
          entities: { thing: 'widget' },
          channels: { inbox: { title: 'Ticket', conversation: { tags: { room: { title: 'From the entry' }, ticketId: {} } }, message: { tags: { commentId: { title: 'Comment' } } } } },
        },
      },
      { channels: { inbox: { messages: {}, conversation: { tags: { room: { title: 'Own' }, thread: {} } } } } },
    );
    const inbox = (resolveInterfaces(manifest, [iface('chat')]).manifest.channels as Record<string, PlainObject>).inbox!;
    expect(inbox.title).toBe('Ticket');
    expect(inbox.conversation).toEqual({ tags: { room: { title: 'From the entry' }, thread: {}, ticketId: {} } });
    expect(inbox.message).toEqual({ tags: { commentId: { title: 'Comment' } } });
  });

  it('extends one interface twice on two entities; the first alias keeps a shared name', () => {
    const manifest = integration({
      second: { from: '../chat', entities: { thing: 'gadget' }, actions: { getThing: { name: 'getGadget' } } },
      first: { from: '../chat', entities: { thing: 'widget' }, actions: { getThing: { name: 'getWidget' } } },
    }, { entities: { widget: { schema: {} }, gadget: { schema: {} } } });
    const { manifest: resolved, extensions } = resolveInterfaces(manifest, [iface('second'), iface('first')]);
    expect(extensions.map((e) => e.alias)).toEqual(['first', 'second']);
    const actions = resolved.actions as Record<string, { output: unknown }>;
    expect(JSON.stringify(actions.getWidget!.output)).toContain('#/entities/widget');
    expect(JSON.stringify(actions.getGadget!.output)).toContain('#/entities/gadget');
    // Both keep the channel's name: the first alias's schemas stay.
    expect(Object.keys(resolved.channels as PlainObject)).toEqual(['inbox']);
  });

  it('returns the manifest itself when it extends nothing', () => {
    const manifest = integration({});
    expect(resolveInterfaces(manifest, []).manifest).toBe(manifest);
  });
});

describe('uniteSchemas', () => {
  it('returns the winner itself when the other adds nothing, and the other when there is no winner', () => {
    const winner = objectOf({ id: { type: 'string' } }, ['id']);
    expect(uniteSchemas(winner, objectOf({ id: { type: 'integer' } }, ['id']))).toBe(winner);
    expect(uniteSchemas(undefined, winner)).toBe(winner);
    expect(uniteSchemas(winner, { $ref: '#/entities/x' })).toBe(winner);
    expect(canUniteSchemas({ $ref: '#/entities/x' }, winner)).toBe(false);
  });

  it('requires what either side requires, declaring no required list when neither does', () => {
    expect(uniteSchemas(objectOf({ a: {} }, ['a']), objectOf({ a: {}, b: {} }, ['b']))).toEqual(objectOf({ a: {}, b: {} }, ['a', 'b']));
    expect(uniteSchemas({ type: 'object', properties: { a: {} } }, { type: 'object', properties: { b: {} } })).toEqual({ type: 'object', properties: { a: {}, b: {} } });
  });

  it('keeps a copied property\'s local refs meaning what they meant in the other schema', () => {
    // Botpress's converter writes a reused schema as a pointer to its first use.
    const other = {
      type: 'object',
      properties: {
        shared: { type: 'object', properties: { x: { type: 'string' } } },
        copied: { type: 'object', properties: { y: { type: 'integer' } } },
        pointsAtShared: { $ref: '#/properties/shared' },
        pointsAtCopied: { type: 'array', items: { $ref: '#/properties/copied' } },
        pointsAtDefinition: { $ref: '#/definitions/node' },
      },
      definitions: { node: { type: 'object', properties: { next: { $ref: '#/definitions/node' } } } },
    };
    const winner = { type: 'object', properties: { shared: { type: 'object', properties: { x: { type: 'string', minLength: 1 } } } }, definitions: { shared: { type: 'null' } } };
    const united = uniteSchemas(winner, other) as { properties: Record<string, PlainObject>; definitions: PlainObject };
    // A pointer into a property the winner keeps its own of: that schema is moved under a free name.
    expect(united.properties.pointsAtShared).toEqual({ $ref: '#/definitions/shared_2' });
    expect(united.definitions.shared_2).toEqual(other.properties.shared);
    expect(united.definitions.shared).toEqual({ type: 'null' });
    // A pointer into a copied property still means the same in the united schema.
    expect(united.properties.pointsAtCopied).toEqual({ type: 'array', items: { $ref: '#/properties/copied' } });
    // A recursive definition is moved once and points at itself.
    expect(united.properties.pointsAtDefinition).toEqual({ $ref: '#/definitions/node' });
    expect(united.definitions.node).toEqual({ type: 'object', properties: { next: { $ref: '#/definitions/node' } } });
    // Neither input is changed.
    expect(other.properties.pointsAtShared).toEqual({ $ref: '#/properties/shared' });
    expect(winner.definitions).toEqual({ shared: { type: 'null' } });
  });
});
