/**
 * Which `${VAR}` placeholders of a bot's configuration the runtime converts
 * (model/placeholder-types.ts): a whole-value placeholder where every type
 * the schema allows is a number, integer or boolean, found through
 * properties, items, additionalProperties, `$ref`s and combinators.
 */
import { describe, expect, it } from 'vitest';
import { placeholderTypeAt, placeholderTypes } from '../packages/intc/src/model/placeholder-types.js';

const entities: Record<string, unknown> = {
  limits: { type: 'object', properties: { max: { type: 'integer' }, ratio: { $ref: '#/$defs/ratio' } }, $defs: { ratio: { type: 'number' } } },
};
const entityOf = (name: string) => entities[name];

const schema = {
  type: 'object',
  properties: {
    appId: { type: 'integer', minimum: 1 },
    enabled: { type: 'boolean' },
    ratio: { type: ['number', 'null'] },
    name: { type: 'string' },
    either: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
    level: { enum: [1, 2, 3] },
    flag: { allOf: [{ type: 'boolean' }] },
    mixed: { type: ['integer', 'boolean'] },
    limits: { $ref: '#/entities/limits' },
    ports: { type: 'array', items: { type: 'integer' } },
    extra: { type: 'object', additionalProperties: { type: 'number' } },
    loop: { $ref: '#/properties/loop' },
  },
};

describe('placeholderTypes', () => {
  it('finds whole placeholders in number, integer and boolean fields, by JSON pointer', () => {
    const configuration = {
      appId: '${APP_ID}',
      enabled: '${ENABLED}',
      ratio: '${RATIO}',
      name: '${NAME}',
      either: '${EITHER}',
      level: '${LEVEL}',
      flag: '${FLAG}',
      mixed: '${MIXED}',
      limits: { max: '${MAX}', ratio: '${LIMIT_RATIO}' },
      ports: ['${PORT_A}', 8080],
      extra: { 'a/b': '${EXTRA}' },
      loop: '${LOOP}',
    };
    expect(placeholderTypes(configuration, schema, entityOf)).toEqual({
      '/appId': 'integer',
      '/enabled': 'boolean',
      '/extra/a~1b': 'number',
      '/flag': 'boolean',
      '/level': 'integer',
      '/limits/max': 'integer',
      '/limits/ratio': 'number',
      '/ports/0': 'integer',
      '/ratio': 'number',
    });
  });

  it('leaves text around a placeholder, and fields that also take a string, as text', () => {
    expect(placeholderTypes({ appId: 'id-${APP_ID}', either: '${X}', name: '${NAME}' }, schema, entityOf)).toEqual({});
    expect(placeholderTypes({ appId: '${APP_ID}' }, true, entityOf)).toEqual({});
  });

  it('answers validation for one path', () => {
    expect(placeholderTypeAt(['limits', 'max'], schema, entityOf)).toBe('integer');
    expect(placeholderTypeAt(['name'], schema, entityOf)).toBeUndefined();
    expect(placeholderTypeAt(['limits'], schema, entityOf)).toBeUndefined();
  });
});
