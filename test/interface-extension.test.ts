/** resolveInterfaces: how an interface's members land in the integration that extends it. */
import { describe, expect, it } from 'vitest';
import { resolveInterfaces, type ExtendedInterface } from '../src/model/interface-extension.js';
import type { PlainObject } from '../src/model/values.js';

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

  it('merges an own member of the same name: own schemas and metadata win, the entry overrides both', () => {
    const ownOutput = { schema: objectOf({ thing: { $ref: '#/entities/widget' }, extra: { type: 'string' } }, ['thing']) };
    const manifest = integration(
      { chat: { from: '../chat', entities: { thing: 'widget' }, actions: { getThing: { description: 'From the entry' } } } },
      { actions: { getThing: { title: 'Own title', input: { schema: objectOf({ id: { type: 'string' } }, ['id']) }, output: ownOutput } } },
    );
    const action = (resolveInterfaces(manifest, [iface('chat')]).manifest.actions as PlainObject).getThing as PlainObject;
    expect(action.title).toBe('Own title');
    expect(action.description).toBe('From the entry');
    expect(action.output).toEqual(ownOutput);
  });

  it('merges channels by message type and tag', () => {
    const manifest = integration(
      { chat: { from: '../chat', entities: { thing: 'widget' } } },
      { channels: { inbox: { messages: { image: { schema: objectOf({ url: { type: 'string' } }) } }, conversation: { tags: { thread: {} } } } } },
    );
    const inbox = (resolveInterfaces(manifest, [iface('chat')]).manifest.channels as PlainObject).inbox as PlainObject;
    expect(Object.keys(inbox.messages as PlainObject).sort()).toEqual(['image', 'text']);
    expect(Object.keys((inbox.conversation as { tags: PlainObject }).tags).sort()).toEqual(['room', 'thread']);
    expect(inbox.title).toBe('Inbox');
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
