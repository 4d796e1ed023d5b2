import { expect } from 'chai';
import { Body, Controller, Get, Param, Post, Type, type Plugin } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { koaTransport } from '../src/index.js';
import { postJson, useApps } from './support/apps.js';

const PROBLEM = /^application\/problem\+json/;

function expectValidationProblem(res: TestResponse, errors: { pointer: string; reason: string }[]) {
  expect(res.status).to.equal(400);
  expect(res.headers['content-type']).to.match(PROBLEM);
  expect(res.json).to.include({ type: 'about:blank', title: 'Bad Request', status: 400 });
  expect(res.json.errors).to.have.deep.members(errors);
}

describe('RouteOptions.body', () => {
  const start = useApps();

  const NewCity = Type.Object(
    { name: Type.String(), population: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  );

  @Controller('/cities')
  class CityController {
    @Post('/', { body: NewCity })
    create(@Body() body: unknown) {
      return body;
    }
  }

  it('answers 400 with a problem document naming the field of the wrong type', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { name: 'Oslo', population: 'many' });
    expectValidationProblem(res, [{ pointer: '/body/population', reason: 'must be integer' }]);
    expect(res.json.detail).to.be.a('string').and.include('/body/population');
    expect(res.json.instance).to.equal('/cities');
  });

  it('answers 400 naming a required field that is missing', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { population: 1 });
    expectValidationProblem(res, [{ pointer: '/body/name', reason: 'is required' }]);
  });

  it('answers 400 naming a property that additionalProperties: false forbids', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { name: 'Oslo', population: 1, mayor: 'x' });
    expectValidationProblem(res, [{ pointer: '/body/mayor', reason: 'is not allowed' }]);
  });

  it('lists every failing field when several fail at once', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { population: -1, mayor: 'x' });
    expectValidationProblem(res, [
      { pointer: '/body/name', reason: 'is required' },
      { pointer: '/body/population', reason: 'must be >= 0' },
      { pointer: '/body/mayor', reason: 'is not allowed' },
    ]);
    expect(res.json.detail).to.include('(and 2 more)');
  });

  it('answers 400 pointing at the body when a body is required but none is sent', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await send(app.url, { method: 'POST', path: '/cities' });
    expectValidationProblem(res, [{ pointer: '/body', reason: 'must be object' }]);
  });

  it('never coerces the body: a numeric string where an integer is declared is refused', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { name: 'Oslo', population: '5' });
    expectValidationProblem(res, [{ pointer: '/body/population', reason: 'must be integer' }]);
  });

  it('escapes "/" and "~" in pointers to property names, as JSON Pointer requires', async () => {
    const app = await start({ controllers: [CityController] });

    const res = await postJson(app, '/cities', { name: 'Oslo', population: 1, 'a/b~c': 1 });
    expectValidationProblem(res, [{ pointer: '/body/a~1b~0c', reason: 'is not allowed' }]);
  });
});

describe('RouteOptions.params, .query and .headers', () => {
  const start = useApps();

  @Controller('/things')
  class ThingController {
    @Get('/:id', {
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      query: Type.Object({
        active: Type.Optional(Type.Boolean()),
        limit: Type.Optional(Type.Integer()),
      }),
      headers: Type.Object({ 'x-api-key': Type.String() }),
    })
    read(@Param('id') id: number) {
      return { id };
    }

    @Post('/:id', {
      params: Type.Object({ id: Type.Integer() }),
      query: Type.Object({ dryRun: Type.Boolean() }),
      body: Type.Object({ name: Type.String() }),
    })
    write(@Param('id') id: number) {
      return { id };
    }
  }

  const key = { 'x-api-key': 'k' };

  it('answers 400 naming a path parameter that does not coerce to its type', async () => {
    const app = await start({ controllers: [ThingController] });

    const res = await send(app.url, { path: '/things/abc', headers: key });
    expectValidationProblem(res, [{ pointer: '/params/id', reason: 'must be integer' }]);
  });

  it('answers 400 naming a query field that does not coerce to its type', async () => {
    const app = await start({ controllers: [ThingController] });

    const bool = await send(app.url, { path: '/things/1?active=maybe', headers: key });
    const int = await send(app.url, { path: '/things/1?limit=ten', headers: key });
    expectValidationProblem(bool, [{ pointer: '/query/active', reason: 'must be boolean' }]);
    expectValidationProblem(int, [{ pointer: '/query/limit', reason: 'must be integer' }]);
  });

  it('refuses numbers that JavaScript reads but JSON does not write: blank, hex, binary, octal, +', async () => {
    const app = await start({ controllers: [ThingController] });

    for (const spelling of ['%20', '%09', '0x10', '0b101', '0o7', '%2B5', '.5', '5.', 'Infinity']) {
      const res = await send(app.url, { path: `/things/1?limit=${spelling}`, headers: key });
      expect(res.status, `limit=${spelling}`).to.equal(400);
      expect(res.json.errors, `limit=${spelling}`).to.have.length(1);
      expect(res.json.errors[0].pointer, `limit=${spelling}`).to.equal('/query/limit');
    }
    const hex = await send(app.url, { path: '/things/0x1', headers: key });
    expectValidationProblem(hex, [
      { pointer: '/params/id', reason: 'must be a number written in decimal, as JSON writes it' },
    ]);
  });

  it('accepts numbers as JSON writes them, exponents and negatives included', async () => {
    const app = await start({ controllers: [ThingController] });

    for (const spelling of ['10', '0', '1e1', '2E0']) {
      const res = await send(app.url, { path: `/things/1?limit=${spelling}`, headers: key });
      expect(res.status, `limit=${spelling}`).to.equal(200);
    }
  });

  it('answers 400 naming a required header that is missing', async () => {
    const app = await start({ controllers: [ThingController] });

    const res = await send(app.url, { path: '/things/1' });
    expectValidationProblem(res, [{ pointer: '/headers/x-api-key', reason: 'is required' }]);
  });

  it('lists the failures of params, query and body together', async () => {
    const app = await start({ controllers: [ThingController] });

    const res = await postJson(app, '/things/x', { name: 1 });
    expectValidationProblem(res, [
      { pointer: '/params/id', reason: 'must be integer' },
      { pointer: '/query/dryRun', reason: 'is required' },
      { pointer: '/body/name', reason: 'must be string' },
    ]);
  });

  it('lets a valid request through to the handler', async () => {
    const app = await start({ controllers: [ThingController] });

    const res = await send(app.url, { path: '/things/12?active=true', headers: key });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ id: 12 });
  });
});

describe('RouteOptions.stripUnknown', () => {
  const start = useApps();

  const Address = Type.Object({ city: Type.String(), zip: Type.Optional(Type.String()) });
  const Person = Type.Object({
    name: Type.String(),
    address: Type.Optional(Address),
    tags: Type.Optional(Type.Array(Address)),
  });

  @Controller('/people')
  class PersonController {
    @Post('/', { body: Person })
    strip(@Body() body: unknown) {
      return body;
    }

    @Post('/keep', { body: Person, stripUnknown: false })
    keep(@Body() body: unknown) {
      return body;
    }
  }

  it('drops properties the body schema does not declare, by default', async () => {
    const app = await start({ controllers: [PersonController] });

    const res = await postJson(app, '/people', { name: 'Ada', role: 'admin' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ name: 'Ada' });
  });

  it('drops undeclared properties of nested objects and array items too', async () => {
    const app = await start({ controllers: [PersonController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/people',
      json: {
        name: 'Ada',
        address: { city: 'London', zip: 'N1', floor: 3 },
        tags: [{ city: 'Paris', x: 1 }],
      },
    });
    expect(res.json).to.deep.equal({
      name: 'Ada',
      address: { city: 'London', zip: 'N1' },
      tags: [{ city: 'Paris' }],
    });
  });

  it('keeps undeclared properties when set to false', async () => {
    const app = await start({ controllers: [PersonController] });

    const res = await postJson(app, '/people/keep', { name: 'Ada', role: 'admin' });
    expect(res.json).to.deep.equal({ name: 'Ada', role: 'admin' });
  });
});

describe('RouteOptions.body with oneOf and anyOf', () => {
  const start = useApps();

  const Circle = Type.Object({ kind: Type.Literal('circle'), radius: Type.Number() });
  const Square = Type.Object({
    kind: Type.Literal('square'),
    side: Type.Number(),
    rounded: Type.Optional(Type.Boolean()),
  });

  const Summary = Type.Object({ id: Type.Integer() });
  const Detail = Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    tags: Type.Optional(Type.Array(Type.String())),
  });

  @Controller('/shapes')
  class ShapeController {
    @Post('/overlapping', { body: Type.Union([Summary, Detail]) })
    overlapping(@Body() body: unknown) {
      return body;
    }

    @Post('/nested', {
      body: Type.Object({ label: Type.String(), shape: Type.Union([Circle, Square]) }),
    })
    nested(@Body() body: unknown) {
      return body;
    }

    @Post('/one-of', { body: { oneOf: [Circle, Square] } })
    oneOf(@Body() body: unknown) {
      return body;
    }

    @Post('/any-of', { body: Type.Union([Circle, Square]) })
    anyOf(@Body() body: unknown) {
      return body;
    }
  }

  for (const path of ['/shapes/one-of', '/shapes/any-of']) {
    it(`passes a body matching the second branch intact (${path})`, async () => {
      const app = await start({ controllers: [ShapeController] });

      const res = await postJson(app, path, { kind: 'square', side: 2, rounded: true });
      expect(res.status).to.equal(200);
      expect(res.json).to.deep.equal({ kind: 'square', side: 2, rounded: true });
    });

    it(`strips only the properties the matching branch does not declare (${path})`, async () => {
      const app = await start({ controllers: [ShapeController] });

      const res = await postJson(app, path, { kind: 'circle', radius: 1.5, color: 'red' });
      expect(res.status).to.equal(200);
      expect(res.json).to.deep.equal({ kind: 'circle', radius: 1.5 });
    });

    it(`answers 400 for a body that matches no branch (${path})`, async () => {
      const app = await start({ controllers: [ShapeController] });

      const res = await postJson(app, path, { kind: 'triangle' });
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(PROBLEM);
      expect(res.json.errors).to.be.an('array').that.is.not.empty;
    });
  }

  it('keeps what any matching anyOf branch declares when several branches match', async () => {
    const app = await start({ controllers: [ShapeController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/shapes/overlapping',
      json: { id: 1, name: 'Oslo', tags: ['capital'], junk: true },
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ id: 1, name: 'Oslo', tags: ['capital'] });
  });

  it('picks the matching branch of a union nested in a property', async () => {
    const app = await start({ controllers: [ShapeController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/shapes/nested',
      json: {
        label: 'tile',
        shape: { kind: 'square', side: 3, rounded: false, color: 'red' },
        extra: 1,
      },
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({
      label: 'tile',
      shape: { kind: 'square', side: 3, rounded: false },
    });
  });
});

describe('RouteOptions.body and the request object', () => {
  const start = useApps();

  /** A plugin that records what the body looks like before and after the route runs. */
  function bodyWitness() {
    const seen: { before?: string; after?: string } = {};
    const plugin: Plugin = {
      name: 'body-witness',
      kind: 'other',
      intercept: () => async (ctx, next) => {
        const original = ctx.body;
        seen.before = JSON.stringify(original);
        const reply = await next();
        seen.after = JSON.stringify(original);
        return reply;
      },
    };
    return { plugin, seen };
  }

  const Item = Type.Object({
    name: Type.String(),
    count: Type.Optional(Type.Integer({ default: 1 })),
    nested: Type.Optional(Type.Object({ keep: Type.String() })),
  });

  @Controller('/items')
  class ItemController {
    @Post('/', { body: Item })
    create(@Body() body: Record<string, unknown>) {
      return body;
    }
  }

  it('never changes the request body in place: what the handler gets is a pruned copy', async () => {
    const { plugin, seen } = bodyWitness();
    const app = await start({ controllers: [ItemController], plugins: [koaTransport(), plugin] });
    const sent = { name: 'pen', count: 2, extra: true, nested: { keep: 'k', drop: 'd' } };

    const res = await postJson(app, '/items', sent);
    expect(res.json).to.deep.equal({ name: 'pen', count: 2, nested: { keep: 'k' } });
    expect(seen.before).to.equal(JSON.stringify(sent));
    expect(seen.after).to.equal(JSON.stringify(sent));
  });

  it('does not fill in body defaults', async () => {
    const app = await start({ controllers: [ItemController] });

    const res = await postJson(app, '/items', { name: 'pen' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ name: 'pen' });
  });
});
