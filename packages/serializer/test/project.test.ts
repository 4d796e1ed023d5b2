import { expect } from 'chai';
import { stringifyJson } from '@fastjson-api/core';
import type { JsonSchema } from '@fastjson-api/core';
import { projectValue } from '../src/project.js';

/** The slow path end to end: project, then write. */
function write(
  schema: JsonSchema,
  value: unknown,
  shared: Record<string, JsonSchema> = {},
): string {
  return stringifyJson(
    projectValue(value, { root: schema, byId: new Map(Object.entries(shared)) }),
  );
}

describe('projectValue() (the slow path)', () => {
  it('keeps every property that some anyOf branch declares, and no other', () => {
    const schema = {
      anyOf: [
        { type: 'object', properties: { a: { type: 'integer' } } },
        { type: 'object', properties: { b: { type: 'integer' } } },
      ],
    };
    expect(write(schema, { a: 1, b: 2, c: 3 })).to.equal('{"a":1,"b":2}');
  });

  it('merges the properties of allOf and of if/then/else', () => {
    const schema = {
      allOf: [{ properties: { a: {} } }, { properties: { b: {} } }],
      if: { properties: { k: { const: 'x' } } },
      then: { properties: { t: {} } },
      else: { properties: { e: {} } },
    };
    expect(write(schema, { a: 1, b: 2, k: 'x', t: 3, e: 4, z: 5 })).to.equal(
      '{"a":1,"b":2,"k":"x","t":3,"e":4}',
    );
  });

  it('follows a $ref into definitions and into a shared schema by $id', () => {
    const schema = {
      definitions: { Inner: { type: 'object', properties: { x: { type: 'integer' } } } },
      type: 'object',
      properties: { local: { $ref: '#/definitions/Inner' }, shared: { $ref: 'Tag#' } },
    };
    const Tag = { $id: 'Tag', type: 'object', properties: { label: { type: 'string' } } };
    const value = { local: { x: 1, y: 2 }, shared: { label: 'l', secret: 's' } };
    expect(write(schema, value, { Tag })).to.equal('{"local":{"x":1},"shared":{"label":"l"}}');
  });

  it('writes null for an object under a $ref it cannot resolve', () => {
    const schema = { type: 'object', properties: { a: { $ref: '#/definitions/Nope' } } };
    expect(write(schema, { a: { secret: 1 } })).to.equal('{"a":null}');
  });

  it('writes null for an object where the schema expects a string', () => {
    expect(
      write({ type: 'object', properties: { a: { type: 'string' } } }, { a: { secret: 1 } }),
    ).to.equal('{"a":null}');
  });

  it('keeps pattern and additional properties by their schemas', () => {
    const schema = {
      type: 'object',
      properties: { id: { type: 'integer' } },
      patternProperties: { '^x-': { type: 'string' } },
      additionalProperties: { type: 'object', properties: { keep: {} } },
    };
    const value = { id: 1, 'x-trace': 't', other: { keep: 1, drop: 2 } };
    expect(write(schema, value)).to.equal('{"id":1,"x-trace":"t","other":{"keep":1}}');
  });

  it('projects tuple items and drops undeclared trailing items', () => {
    const schema = { type: 'array', items: [{ type: 'object', properties: { a: {} } }] };
    expect(write(schema, [{ a: 1, b: 2 }, { secret: 1 }])).to.equal('[{"a":1}]');
  });

  it('keeps an array whole when the schema declares no items', () => {
    expect(write({ type: 'array' }, [{ a: 1 }])).to.equal('[{"a":1}]');
  });

  it('writes the default of a missing property, and leaves out a missing required one', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer', default: 5 } },
      required: ['a'],
    };
    expect(write(schema, {})).to.equal('{"b":5}');
  });

  it('writes a Date by its format, and an invalid Date as null', () => {
    const at = new Date('2024-05-06T07:08:09.123Z');
    const schema = {
      type: 'object',
      properties: { d: { format: 'date' }, t: { format: 'time' }, dt: {}, bad: {} },
    };
    expect(write(schema, { d: at, t: at, dt: at, bad: new Date('x') })).to.equal(
      '{"d":"2024-05-06","t":"07:08:09","dt":"2024-05-06T07:08:09.123Z","bad":null}',
    );
  });

  it('uses toJSON as JSON.stringify does', () => {
    const money = { toJSON: () => '12.50', cents: 1250 };
    expect(
      write({ type: 'object', properties: { price: { type: 'string' } } }, { price: money }),
    ).to.equal('{"price":"12.50"}');
  });

  it('keeps a property named __proto__ as an own property', () => {
    const value = JSON.parse('{"__proto__":{"a":1}}') as unknown;
    expect(write({ type: 'object', additionalProperties: true }, value)).to.equal(
      '{"__proto__":{"a":1}}',
    );
  });
});
