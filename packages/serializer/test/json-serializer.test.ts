import { expect } from 'chai';
import { stringifyJson } from '@fastjson-api/core';
import { jsonSerializer } from '../src/index.js';
import { fakeRoute } from './fake-route.js';

describe('jsonSerializer()', () => {
  it('is a serializer plugin named json-serializer', () => {
    const plugin = jsonSerializer();
    expect(plugin.kind).to.equal('serializer');
    expect(plugin.name).to.equal('json-serializer');
  });

  it('compiles every route to stringifyJson from core', () => {
    const serialize = jsonSerializer().compile(fakeRoute({ 200: { type: 'object' } }));
    expect(serialize).to.equal(stringifyJson);
  });

  it('writes every property, a Date as its ISO string and a BigInt with all its digits', () => {
    const serialize = jsonSerializer().compile(fakeRoute());
    const body = serialize(
      { id: 12345678901234567890n, at: new Date('2024-05-06T07:08:09.123Z'), passwordHash: 'x' },
      200,
    );
    expect(body).to.equal(
      '{"id":12345678901234567890,"at":"2024-05-06T07:08:09.123Z","passwordHash":"x"}',
    );
  });
});
