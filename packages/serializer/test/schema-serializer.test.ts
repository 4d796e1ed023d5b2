import { expect } from 'chai';
import { StartupError, Type } from '@fastjson-api/core';
import type { JsonSchema } from '@fastjson-api/core';
import { schemaSerializer, SerializerErrorCodes } from '../src/index.js';
import type { FallbackEvent } from '../src/index.js';
import { compileFor, fakeRoute, ROUTE_ID } from './fake-route.js';

const User = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    address: { type: 'object', properties: { city: { type: 'string' } } },
    roles: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
  },
  required: ['id', 'name'],
};

const user = {
  id: 7,
  name: 'Ada',
  passwordHash: '$argon2id$secret',
  address: { city: 'London', street: 'hidden', geo: { lat: 1 } },
  roles: [
    { name: 'admin', grantedBy: 'root' },
    { name: 'dev', internalNote: 'x' },
  ],
};

function compileOrThrow(response: Record<number, JsonSchema>): unknown {
  try {
    schemaSerializer().compile(fakeRoute(response));
  } catch (error) {
    return error;
  }
  throw new Error('compile() did not throw');
}

describe('schemaSerializer()', () => {
  it('is a serializer plugin named schema-serializer', () => {
    const plugin = schemaSerializer();
    expect(plugin.kind).to.equal('serializer');
    expect(plugin.name).to.equal('schema-serializer');
  });

  describe('compile() with a response schema', () => {
    it('drops properties the schema does not declare, at the top, in nested objects and in array items', () => {
      const serialize = compileFor(schemaSerializer(), User);
      expect(serialize(user, 200)).to.equal(
        '{"id":7,"name":"Ada","address":{"city":"London"},"roles":[{"name":"admin"},{"name":"dev"}]}',
      );
    });

    it('uses the schema of the status being answered', () => {
      const Problem = { type: 'object', properties: { title: { type: 'string' } } };
      const serialize = schemaSerializer().compile(fakeRoute({ 200: User, 404: Problem }));
      expect(serialize({ title: 'Not Found', id: 1 }, 404)).to.equal('{"title":"Not Found"}');
      expect(serialize({ id: 1, name: 'A', title: 'x' }, 200)).to.equal('{"id":1,"name":"A"}');
    });

    it('accepts a TypeBox schema and leaves it unchanged', () => {
      const Schema = Type.Object({
        id: Type.Integer(),
        tags: Type.Array(Type.String()),
        owner: Type.Object({ name: Type.String() }),
        note: Type.Optional(Type.String()),
      });
      const before = JSON.stringify(Schema);
      const symbols = Object.getOwnPropertySymbols(Schema).length;

      const serialize = compileFor(schemaSerializer(), Schema);
      const body = serialize(
        { id: 1, tags: ['a'], owner: { name: 'B', token: 't' }, secret: 's' },
        200,
      );

      expect(body).to.equal('{"id":1,"tags":["a"],"owner":{"name":"B"}}');
      expect(JSON.stringify(Schema), 'the schema was changed').to.equal(before);
      expect(Object.getOwnPropertySymbols(Schema)).to.have.length(symbols);
    });

    it('resolves a TypeBox Type.Ref against the schemas option', () => {
      const Tag = Type.Object({ label: Type.String() }, { $id: 'Tag' });
      const serialize = compileFor(schemaSerializer({ schemas: [Tag] }), Type.Array(Type.Ref(Tag)));
      expect(serialize([{ label: 'x', weight: 3 }], 200)).to.equal('[{"label":"x"}]');
    });

    it('resolves a recursive TypeBox schema', () => {
      const Node = Type.Recursive((This) =>
        Type.Object({ id: Type.Integer(), children: Type.Array(This) }),
      );
      const serialize = compileFor(schemaSerializer(), Node);
      const tree = { id: 1, secret: 1, children: [{ id: 2, secret: 2, children: [] }] };
      expect(serialize(tree, 200)).to.equal('{"id":1,"children":[{"id":2,"children":[]}]}');
    });
  });

  describe('compile() without a response schema', () => {
    it('writes the whole value with stringifyJson when the route has none', () => {
      const serialize = schemaSerializer().compile(fakeRoute());
      expect(serialize({ id: 1n, passwordHash: 'x' }, 200)).to.equal('{"id":1,"passwordHash":"x"}');
    });

    it('writes the whole value with stringifyJson for a status that has none', () => {
      const serialize = compileFor(schemaSerializer(), User);
      expect(serialize({ id: 1, extra: true }, 202)).to.equal('{"id":1,"extra":true}');
    });
  });

  describe('compile() with a schema it cannot compile', () => {
    it('throws a StartupError naming the route and the status', () => {
      const error = compileOrThrow({
        200: User,
        201: { type: 'object', properties: { a: { type: 'strnig' } } },
      });
      expect(error).to.be.instanceOf(StartupError);
      expect((error as StartupError).code).to.equal(SerializerErrorCodes.BAD_SCHEMA);
      expect((error as StartupError).message)
        .to.contain(`Route ${ROUTE_ID}`)
        .and.contain('status 201');
    });

    it('throws a StartupError for a $ref that no schema answers', () => {
      const error = compileOrThrow({
        200: { type: 'object', properties: { a: { $ref: 'Missing' } } },
      });
      expect(error).to.be.instanceOf(StartupError);
      expect((error as StartupError).message)
        .to.contain('status 200')
        .and.contain('Missing');
    });

    it('throws a StartupError for a response key that is not a status code', () => {
      const error = compileOrThrow({ ['2xx' as unknown as number]: User });
      expect(error).to.be.instanceOf(StartupError);
      expect((error as StartupError).code).to.equal(SerializerErrorCodes.BAD_SCHEMA);
      expect((error as StartupError).message).to.contain("'2xx'");
    });

    it('throws a StartupError for an Ajv keyword that fails to compile', () => {
      const Bad = { anyOf: [{ type: 'string', pattern: '(' }, { type: 'null' }] };
      expect(compileOrThrow({ 200: Bad })).to.be.instanceOf(StartupError);
    });
  });

  describe('the slow path', () => {
    it('writes a value fast-json-stringify rejects without the undeclared fields', () => {
      const events: FallbackEvent[] = [];
      const serialize = compileFor(schemaSerializer({ onFallback: (e) => events.push(e) }), User);

      const body = serialize(
        { name: 'no id', passwordHash: 'x', address: { city: 'C', street: 's' } },
        200,
      );

      expect(body).to.equal('{"name":"no id","address":{"city":"C"}}');
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ routeId: ROUTE_ID, status: 200 });
      expect(String(events[0]!.error)).to.contain('"id" is required');
    });

    it('is not taken for a value that fits the schema', () => {
      let calls = 0;
      const serialize = compileFor(schemaSerializer({ onFallback: () => calls++ }), User);
      serialize(user, 200);
      expect(calls).to.equal(0);
    });

    it('always writes a non-empty JSON text', () => {
      const serialize = compileFor(schemaSerializer(), User);
      const values = [
        null,
        'text',
        42,
        [],
        { id: 'x' },
        { id: Number.NaN, name: {} },
        { roles: 'none' },
      ];
      for (const value of values) {
        const body = serialize(value, 200);
        expect(body, `body of ${String(value)}`).to.be.a('string').that.is.not.empty;
        expect(() => JSON.parse(body), body).not.to.throw();
      }
    });
  });

  describe('options', () => {
    it('rejects an onFallback that is not a function', () => {
      const options = { onFallback: 'log' } as unknown as Parameters<typeof schemaSerializer>[0];
      expect(() => schemaSerializer(options)).to.throw(
        TypeError,
        "option 'onFallback' must be a function",
      );
    });

    it('rejects a shared schema without $id', () => {
      expect(() => schemaSerializer({ schemas: [{ type: 'string' }] })).to.throw(
        TypeError,
        'needs a string $id',
      );
    });

    it('rejects two shared schemas with the same $id', () => {
      const schemas = [{ $id: 'A', type: 'string' }, { $id: 'A' }];
      expect(() => schemaSerializer({ schemas })).to.throw(TypeError, "two schemas with $id 'A'");
    });
  });
});
