/**
 * satisfies(candidate, required): the structural check behind interface
 * conformance. What it judges, where it locates issues, how it words them,
 * and that it never reports what it does not judge and never loops.
 */
import { describe, expect, it } from 'vitest';
import {
  describeIssue,
  describeValuePath,
  satisfies,
  type EntityResolver,
  type LocatedSchema,
} from '../packages/intc/src/model/schema-compatibility.js';

const noEntities: EntityResolver = () => undefined;

function own(schema: unknown): LocatedSchema {
  return { schema, manifest: 'integration', path: ['actions', 'a', 'output', 'schema'] };
}

function iface(schema: unknown): LocatedSchema {
  return { schema, manifest: 'interface', path: ['actions', 'a', 'output', 'schema'] };
}

function details(candidate: unknown, required: unknown, resolve: EntityResolver = noEntities): string[] {
  return satisfies(own(candidate), iface(required), resolve).map((issue) => issue.detail);
}

const object = (properties: Record<string, unknown>, required: string[] = [], extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

describe('types', () => {
  it('accepts equal and narrower type sets; integer satisfies number', () => {
    expect(details({ type: 'string' }, { type: 'string' })).toEqual([]);
    expect(details({ type: 'integer' }, { type: 'number' })).toEqual([]);
    expect(details({ type: 'string' }, { type: ['string', 'null'] })).toEqual([]);
    expect(details({ const: 3 }, { type: 'integer' })).toEqual([]);
    expect(details({ enum: ['a', 'b'] }, { type: 'string' })).toEqual([]);
  });

  it('reports a type the required schema does not allow', () => {
    expect(details({ type: 'number' }, { type: 'integer' })).toEqual(['the value must be an integer, but is a number here']);
    expect(details({ type: ['string', 'null'] }, { type: 'string' })).toEqual(['the value must be a string, but may be null here']);
    expect(details({ enum: ['a', 1.5] }, { type: 'string' })).toEqual(['the value must be a string, but may be a number here']);
  });

  it('reports a candidate that allows any value where a type is required', () => {
    expect(details({}, { type: 'string' })).toEqual(['the value must be a string, but may be any value here']);
    expect(details(true, { type: 'string' })).toEqual(['the value must be a string, but may be any value here']);
  });

  it('judges nothing against an unconstrained requirement or for a candidate that accepts nothing', () => {
    expect(details({ type: 'string' }, {})).toEqual([]);
    expect(details({ type: 'string' }, true)).toEqual([]);
    expect(details(false, { type: 'string' })).toEqual([]);
  });
});

describe('values', () => {
  it('accepts a subset of the required enum, and a const in it', () => {
    expect(details({ enum: ['a'] }, { enum: ['a', 'b'] })).toEqual([]);
    expect(details({ const: 'b' }, { enum: ['a', 'b'] })).toEqual([]);
    expect(details({ const: { x: [1] } }, { const: { x: [1] } })).toEqual([]);
  });

  it('reports values outside the required ones', () => {
    expect(details({ type: 'string', enum: ['a', 'c'] }, { type: 'string', enum: ['a', 'b'] })).toEqual([
      "the value must be 'a' or 'b', but may be 'c' here",
    ]);
    expect(details({ const: 'c' }, { const: 'a' })).toEqual(["the value must be 'a', but is 'c' here"]);
    expect(details({ type: 'string' }, { enum: ['a', 'b', 'c'] })).toEqual(["the value must be 'a', 'b' or 'c', but may be any string here"]);
  });
});

describe('objects', () => {
  it('accepts extra properties and stricter requirements in the candidate', () => {
    const required = object({ id: { type: 'string' } }, ['id']);
    expect(details(object({ id: { type: 'string' }, name: { type: 'string' } }, ['id', 'name']), required)).toEqual([]);
  });

  it('reports a required property that is missing or optional', () => {
    const required = object({ id: { type: 'string' }, name: { type: 'string' } }, ['id', 'name']);
    expect(details(object({ name: { type: 'string' } }), required)).toEqual([
      "property 'id' is required, but not declared here",
      "property 'name' is required, but optional here",
    ]);
  });

  it('recurses into properties both declare', () => {
    const required = object({ usage: object({ tokens: { type: 'integer' } }) });
    expect(details(object({ usage: object({ tokens: { type: 'string' } }) }), required)).toEqual([
      "property 'usage.tokens' must be an integer, but is a string here",
    ]);
  });

  it('reports a declared property that additionalProperties: false forbids', () => {
    const required = object({ id: { type: 'string' } }, [], { additionalProperties: false });
    expect(details(object({ id: { type: 'string' }, extra: { type: 'string' } }), required)).toEqual([
      "property 'extra' is not allowed (additionalProperties: false), but declared here",
    ]);
    const withPatterns = { ...required, patternProperties: { '^x-': {} } };
    expect(details(object({ 'x-extra': { type: 'string' } }), withPatterns)).toEqual([]);
  });

  it('with open objects (Botpress), accepts more properties than additionalProperties: false allows, at any depth', () => {
    const closed = (properties: Record<string, unknown>, required: string[] = []) => object(properties, required, { additionalProperties: false });
    const required = closed({ id: { type: 'string' }, meta: closed({ token: { type: 'string' } }) }, ['id']);
    const candidate = closed({ id: { type: 'string' }, title: { type: 'string' }, meta: closed({ token: { type: 'string' }, page: { type: 'integer' } }) }, ['id', 'title']);
    expect(satisfies(own(candidate), iface(required), noEntities, { openObjects: true })).toEqual([]);
    expect(details(candidate, required)).toHaveLength(2);
  });

  it('with open objects, still reports what contradicts: a type clash, a missing or optional required property, a wider enum', () => {
    const required = object({ id: { type: 'string' }, state: { enum: ['open', 'closed'] } }, ['id', 'state'], { additionalProperties: false });
    const candidate = object({ id: { type: 'integer' }, state: { enum: ['open', 'closed', 'merged'] }, extra: {} }, [], { additionalProperties: false });
    expect(satisfies(own(candidate), iface(required), noEntities, { openObjects: true }).map((issue) => issue.detail)).toEqual([
      "property 'id' is required, but optional here",
      "property 'state' is required, but optional here",
      "property 'id' must be a string, but is an integer here",
      "property 'state' must be 'open' or 'closed', but may be 'merged' here",
    ]);
  });
});

describe('arrays', () => {
  it('recurses into items, naming them with []', () => {
    const required = { type: 'array', items: object({ role: { enum: ['user', 'assistant'] } }) };
    const candidate = { type: 'array', items: object({ role: { enum: ['user', 'system'] } }) };
    expect(details(candidate, required)).toEqual(["property '[].role' must be 'user' or 'assistant', but may be 'system' here"]);
  });

  it('treats missing candidate items as any value', () => {
    expect(details({ type: 'array' }, { type: 'array', items: { type: 'string' } })).toEqual([
      "property '[]' must be a string, but may be any value here",
    ]);
  });

  it('does not judge tuples', () => {
    expect(details({ type: 'array', items: [{ type: 'string' }] }, { type: 'array', items: { type: 'integer' } })).toEqual([]);
  });
});

describe('not judged', () => {
  it('gives a candidate with combinators the benefit of the doubt', () => {
    expect(details({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, { type: 'string' })).toEqual([]);
    expect(details({ allOf: [{ required: ['id'] }], type: 'object' }, object({ id: {} }, ['id']))).toEqual([]);
  });

  it('ignores keywords of the requirement it does not understand', () => {
    expect(details({ type: 'string' }, { type: 'string', pattern: '^a', oneOf: [{ minLength: 1 }] })).toEqual([]);
  });

  it('does not judge refs it cannot follow', () => {
    expect(details({ $ref: 'other.json#/x' }, { type: 'string' })).toEqual([]);
    expect(details({ $ref: '#/entities/unknown' }, { type: 'string' })).toEqual([]);
  });
});

describe('references', () => {
  const entities: Record<string, unknown> = {
    model: object({ id: { type: 'integer' } }, ['id']),
    tree: object({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/entities/tree' } } }, ['name']),
    loop: { $ref: '#/entities/loop' },
  };
  const resolve: EntityResolver = (name, manifest) =>
    name in entities ? { schema: entities[name], manifest: manifest === 'interface' ? 'integration' : manifest, path: ['entities', name, 'schema'] } : undefined;

  it('resolves entity refs through the callback, on both sides', () => {
    const issues = satisfies(own(object({ model: { $ref: '#/entities/model' } })), iface(object({ model: object({ id: { type: 'string' } }) })), resolve);
    expect(issues.map((issue) => issue.detail)).toEqual(["property 'model.id' must be a string, but is an integer here"]);
    expect(issues[0]?.candidate).toEqual({ manifest: 'integration', path: ['entities', 'model', 'schema', 'properties', 'id', 'type'], part: 'value' });
    expect(details(object({ model: object({ id: { type: 'integer' } }, ['id']) }), object({ model: { $ref: '#/entities/model' } }), resolve)).toEqual([]);
  });

  it('locates a type issue at the $ref that brought the node in', () => {
    const [issue] = satisfies(own(object({ model: { $ref: '#/entities/model' } })), iface(object({ model: { type: 'string' } })), resolve);
    expect(issue?.candidate).toEqual({ manifest: 'integration', path: ['actions', 'a', 'output', 'schema', 'properties', 'model', '$ref'], part: 'value' });
    expect(issue?.required).toEqual({ manifest: 'interface', path: ['actions', 'a', 'output', 'schema', 'properties', 'model', 'type'], part: 'value' });
  });

  it('is cycle-safe on recursive and self-referencing entities', () => {
    expect(details({ $ref: '#/entities/tree' }, { $ref: '#/entities/tree' }, resolve)).toEqual([]);
    const otherTree = object({ name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/entities/tree' } } }, ['name']);
    expect(details({ $ref: '#/entities/tree' }, otherTree, resolve)).toEqual([]);
    expect(details({ $ref: '#/entities/loop' }, { type: 'string' }, resolve)).toEqual([]);
  });

  it('follows local pointers within the embedded schema', () => {
    const candidate = { ...object({ id: { $ref: '#/definitions/id' } }), definitions: { id: { type: 'integer' } } };
    const issues = satisfies(own(candidate), iface(object({ id: { type: 'string' } })), noEntities);
    expect(issues.map((issue) => issue.detail)).toEqual(["property 'id' must be a string, but is an integer here"]);
    expect(issues[0]?.candidate.path).toEqual(['actions', 'a', 'output', 'schema', 'properties', 'id', '$ref']);
  });
});

describe('locations', () => {
  it('points at the required entry, the missing property, the forbidding keyword', () => {
    const [missing] = satisfies(own(object({})), iface(object({ id: {} }, ['id'])), noEntities);
    expect(missing?.candidate).toEqual({ manifest: 'integration', path: ['actions', 'a', 'output', 'schema'], part: 'key' });
    expect(missing?.required).toEqual({ manifest: 'interface', path: ['actions', 'a', 'output', 'schema', 'required', 0], part: 'value' });
    const [extra] = satisfies(own(object({ x: {} })), iface(object({}, [], { additionalProperties: false })), noEntities);
    expect(extra?.candidate.path.at(-1)).toBe('x');
    expect(extra?.required.path.at(-1)).toBe('additionalProperties');
  });
});

describe('wording', () => {
  const [typeIssue] = satisfies(own(object({ n: { type: 'number' } })), iface(object({ n: { type: 'integer' } })), noEntities);
  const [missingIssue] = satisfies(own(object({})), iface(object({ id: {} }, ['id'])), noEntities);

  it('names the value path', () => {
    expect(describeValuePath([])).toBe('the value');
    expect(describeValuePath([], 'output')).toBe('the output');
    expect(describeValuePath(['choices', '[]', 'role'], 'output')).toBe("output property 'choices[].role'");
  });

  it('words an issue from either side', () => {
    if (!typeIssue || !missingIssue) throw new Error('expected issues');
    expect(describeIssue(typeIssue, { focus: 'candidate', candidateIn: "in interface 'a'", requiredIn: "in interface 'b'", what: 'output' })).toBe(
      "output property 'n' must be an integer in interface 'b', but is a number in interface 'a'",
    );
    expect(describeIssue(typeIssue, { focus: 'required', requiredIn: 'here', candidateNoun: 'the interface', what: 'input' })).toBe(
      "input property 'n' must be an integer here, but the interface allows a number",
    );
    expect(describeIssue(missingIssue, { focus: 'required', requiredIn: 'here', candidateNoun: 'the interface', what: 'input' })).toBe(
      "input property 'id' is required here, but the interface does not declare it",
    );
  });
});

describe('one schema under two mappings', () => {
  it('compares the same schema object when its refs mean different entities', () => {
    const shared = object({ model: { $ref: '#/entities/modelRef' } });
    const entities: Record<string, Record<string, unknown>> = {
      a: { modelRef: object({ id: { type: 'string' } }) },
      b: { modelRef: object({ id: { type: 'integer' } }) },
    };
    const resolve: EntityResolver = (name, manifest) => {
      const schema = entities[manifest]?.[name];
      return schema === undefined ? undefined : { schema, manifest: 'integration', path: ['entities', `${manifest}-${name}`, 'schema'] };
    };
    const issues = satisfies({ schema: shared, manifest: 'a', path: [] }, { schema: shared, manifest: 'b', path: [] }, resolve);
    expect(issues.map((issue) => issue.detail)).toEqual(["property 'model.id' must be an integer, but is a string here"]);
  });
});
