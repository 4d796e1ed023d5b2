import { expect } from 'chai';
import { Type } from '@fastjson-api/core';
import type { JsonSchema } from '@fastjson-api/core';
import { jsonSerializer, schemaSerializer } from '../src/index.js';
import { compileFor } from './fake-route.js';

const AT = new Date('2024-05-06T07:08:09.123Z');
const ISO = '"2024-05-06T07:08:09.123Z"';
const BIG = 12345678901234567890n;
const DIGITS = '12345678901234567890';

interface Case {
  readonly title: string;
  readonly schema: JsonSchema;
  readonly value: unknown;
  readonly expected: string;
  /** Whether fast-json-stringify rejects the value, so that the slow path writes it. */
  readonly slow?: boolean;
}

/** One field `a`, declared by `field`. */
const objectWith = (field: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: { a: field },
});

/** Both serializers must write `expected`, the schema one by the path the case names. */
function expectParity({ schema, value, expected, slow = false }: Case): void {
  let fellBack = false;
  const plugin = schemaSerializer({ onFallback: () => (fellBack = true) });
  const bySchema = compileFor(plugin, schema)(value, 200);
  const byJson = compileFor(jsonSerializer(), schema)(value, 200);

  expect(byJson, 'jsonSerializer').to.equal(expected);
  expect(bySchema, 'schemaSerializer').to.equal(expected);
  expect(fellBack, 'took the slow path').to.equal(slow);
}

describe('schemaSerializer() and jsonSerializer() write the same JSON', () => {
  describe('for a Date', () => {
    const cases: Case[] = [
      { title: 'at the top, type string', schema: { type: 'string' }, value: AT, expected: ISO },
      {
        title: 'type string',
        schema: objectWith({ type: 'string' }),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: 'type string, format date-time',
        schema: objectWith({ type: 'string', format: 'date-time' }),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: "type ['string', 'null']",
        schema: objectWith({ type: ['string', 'null'] }),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: 'TypeBox Union of a date-time string and Null',
        schema: Type.Object({ a: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) }),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: 'TypeBox Type.Date()',
        schema: Type.Object({ a: Type.Date() }),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: 'an untyped field',
        schema: objectWith({}),
        value: { a: AT },
        expected: `{"a":${ISO}}`,
      },
      {
        title: 'array items of type string',
        schema: { type: 'array', items: { type: 'string' } },
        value: [AT, AT],
        expected: `[${ISO},${ISO}]`,
      },
      {
        title: 'an invalid Date, written as null (slow path)',
        schema: objectWith({ type: 'string', format: 'date-time' }),
        value: { a: new Date('not a date') },
        expected: '{"a":null}',
        slow: true,
      },
    ];
    for (const testCase of cases) it(`in ${testCase.title}`, () => expectParity(testCase));
  });

  describe('for a BigInt', () => {
    const cases: Case[] = [
      {
        title: 'at the top, type integer',
        schema: { type: 'integer' },
        value: BIG,
        expected: DIGITS,
      },
      {
        title: 'type integer, negative',
        schema: objectWith({ type: 'integer' }),
        value: { a: -BIG },
        expected: `{"a":-${DIGITS}}`,
      },
      {
        title: 'type integer, nullable',
        schema: objectWith({ type: 'integer', nullable: true }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
      },
      {
        title: "type ['integer', 'null']",
        schema: objectWith({ type: ['integer', 'null'] }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
      },
      {
        title: 'TypeBox Type.BigInt()',
        schema: Type.Object({ a: Type.BigInt() }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
      },
      {
        title: 'TypeBox Union of Integer and Null',
        schema: Type.Object({ a: Type.Union([Type.Integer(), Type.Null()]) }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
      },
      {
        title: 'TypeBox Union of BigInt and Null',
        schema: Type.Object({ a: Type.Union([Type.BigInt(), Type.Null()]) }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
      },
      {
        title: "type ['number', 'null'] (slow path)",
        schema: objectWith({ type: ['number', 'null'] }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
        slow: true,
      },
      {
        title: 'array items of type integer',
        schema: { type: 'array', items: { type: 'integer' } },
        value: [BIG, 5n],
        expected: `[${DIGITS},5]`,
      },
      {
        title: 'an untyped field (slow path)',
        schema: objectWith({}),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
        slow: true,
      },
      {
        title: 'additionalProperties: true (slow path)',
        schema: { type: 'object', additionalProperties: true },
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
        slow: true,
      },
      {
        title: "type ['integer', 'string'] (slow path)",
        schema: objectWith({ type: ['integer', 'string'] }),
        value: { a: BIG },
        expected: `{"a":${DIGITS}}`,
        slow: true,
      },
    ];
    for (const testCase of cases) it(`in ${testCase.title}`, () => expectParity(testCase));
  });

  // The differences the README lists under "Date and BigInt rules": the schema
  // asks for another form. Pinned so that a change in fast-json-stringify shows.
  describe('except where the schema asks for another form', () => {
    const write = (schema: JsonSchema, value: unknown) =>
      compileFor(schemaSerializer(), schema)(value, 200);

    it('writes a BigInt in a type number field as a double, losing digits', () => {
      expect(write(objectWith({ type: 'number' }), { a: BIG })).to.equal(
        '{"a":12345678901234567000}',
      );
    });

    it('writes a BigInt in a type string field as a string', () => {
      expect(write(objectWith({ type: 'string' }), { a: BIG })).to.equal(`{"a":"${DIGITS}"}`);
    });

    it('writes only the date, or only the time, for format date and format time', () => {
      const schema = {
        type: 'object',
        properties: {
          d: { type: 'string', format: 'date' },
          t: { type: 'string', format: 'time' },
        },
      };
      expect(write(schema, { d: AT, t: AT })).to.equal('{"d":"2024-05-06","t":"07:08:09"}');
    });

    it('writes a Date in a type number field as milliseconds since the epoch', () => {
      expect(write(objectWith({ type: 'number' }), { a: AT })).to.equal(`{"a":${AT.getTime()}}`);
    });

    it('writes a Date in a type object field as an empty object', () => {
      expect(write(objectWith({ type: 'object' }), { a: AT })).to.equal('{"a":{}}');
    });
  });
});
