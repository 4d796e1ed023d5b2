import { expect } from 'chai';
import {
  Body,
  Controller,
  Ctx,
  Delete,
  Get,
  Header,
  Param,
  Patch,
  Post,
  Put,
  Query,
  RequestContext,
  Type,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { useApps } from './support/apps.js';

describe('@Controller()', () => {
  const start = useApps();

  it('mounts its routes under the prefix', async () => {
    @Controller('/api/v1/things')
    class ThingController {
      @Get('/count')
      count() {
        return { count: 3 };
      }
    }
    const app = await start({ controllers: [ThingController] });

    const res = await send(app.url, { path: '/api/v1/things/count' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ count: 3 });
    expect((await send(app.url, { path: '/count' })).status).to.equal(404);
  });

  it('mounts its routes at the root when it has no prefix', async () => {
    @Controller()
    class RootController {
      @Get('/health')
      health() {
        return { ok: true };
      }
    }
    const app = await start({ controllers: [RootController] });

    const res = await send(app.url, { path: '/health' });
    expect(res.json).to.deep.equal({ ok: true });
  });

  it('serves the routes of several controllers in one app', async () => {
    @Controller('/a')
    class AController {
      @Get()
      list() {
        return 'a';
      }
    }
    @Controller('/b')
    class BController {
      @Get()
      list() {
        return 'b';
      }
    }
    const app = await start({ controllers: [AController, BController] });

    expect((await send(app.url, { path: '/a' })).json).to.equal('a');
    expect((await send(app.url, { path: '/b' })).json).to.equal('b');
  });
});

describe('@Get() @Post() @Put() @Patch() @Delete()', () => {
  const start = useApps();

  @Controller('/items')
  class ItemController {
    @Get('/:id')
    read(@Param('id') id: string) {
      return { handler: 'read', id };
    }

    @Post()
    create() {
      return { handler: 'create' };
    }

    @Put('/:id')
    replace(@Param('id') id: string) {
      return { handler: 'replace', id };
    }

    @Patch('/:id')
    update(@Param('id') id: string) {
      return { handler: 'update', id };
    }

    @Delete('/:id')
    remove(@Param('id') id: string) {
      return { handler: 'remove', id };
    }
  }

  const cases = [
    { method: 'GET', path: '/items/7', expected: { handler: 'read', id: '7' } },
    { method: 'POST', path: '/items', expected: { handler: 'create' } },
    { method: 'PUT', path: '/items/7', expected: { handler: 'replace', id: '7' } },
    { method: 'PATCH', path: '/items/7', expected: { handler: 'update', id: '7' } },
    { method: 'DELETE', path: '/items/7', expected: { handler: 'remove', id: '7' } },
  ];

  for (const { method, path, expected } of cases) {
    it(`routes ${method} ${path} to the handler declared for ${method}`, async () => {
      const app = await start({ controllers: [ItemController] });

      const res = await send(app.url, { method, path });
      expect(res.status).to.equal(200);
      expect(res.json).to.deep.equal(expected);
    });
  }
});

describe('@Param()', () => {
  const start = useApps();

  @Controller('/params')
  class ParamController {
    @Get('/raw/:id')
    raw(@Param('id') id: unknown) {
      return { id, type: typeof id };
    }

    @Get('/typed/:id/:flag', { params: Type.Object({ id: Type.Integer(), flag: Type.Boolean() }) })
    typed(@Param('id') id: unknown, @Param('flag') flag: unknown) {
      return { id, idType: typeof id, flag, flagType: typeof flag };
    }

    @Get('/all/:country/:city')
    all(@Param() params: Record<string, string>) {
      return params;
    }
  }

  it('gives the decoded path parameter as a string when the route has no params schema', async () => {
    const app = await start({ controllers: [ParamController] });

    const res = await send(app.url, { path: '/params/raw/caf%C3%A9' });
    expect(res.json).to.deep.equal({ id: 'café', type: 'string' });
  });

  it('coerces path parameters to the integer and boolean types of the params schema', async () => {
    const app = await start({ controllers: [ParamController] });

    const res = await send(app.url, { path: '/params/typed/42/true' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ id: 42, idType: 'number', flag: true, flagType: 'boolean' });
  });

  it('gives every path parameter when called without a name', async () => {
    const app = await start({ controllers: [ParamController] });

    const res = await send(app.url, { path: '/params/all/fr/paris' });
    expect(res.json).to.deep.equal({ country: 'fr', city: 'paris' });
  });
});

describe('@Query()', () => {
  const start = useApps();

  const SearchQuery = Type.Object({
    limit: Type.Integer({ default: 20 }),
    active: Type.Optional(Type.Boolean()),
    tag: Type.Optional(Type.Array(Type.String())),
    ids: Type.Optional(Type.Array(Type.Integer())),
  });

  @Controller('/search')
  class SearchController {
    @Get('/typed', { query: SearchQuery })
    typed(
      @Query('limit') limit: unknown,
      @Query('active') active: unknown,
      @Query('tag') tag: unknown,
      @Query('ids') ids: unknown,
    ) {
      return { limit, limitType: typeof limit, active, activeType: typeof active, tag, ids };
    }

    @Get('/raw')
    raw(@Query('q') q: unknown, @Query('tag') tag: unknown) {
      return { q: q ?? null, tag: tag ?? null };
    }

    @Get('/all')
    all(@Query() query: Record<string, unknown>) {
      return query;
    }
  }

  it('coerces a query field to the integer of the query schema', async () => {
    const app = await start({ controllers: [SearchController] });

    const res = await send(app.url, { path: '/search/typed?limit=5' });
    expect(res.json).to.include({ limit: 5, limitType: 'number' });
  });

  it('coerces "true" and "false" to booleans', async () => {
    const app = await start({ controllers: [SearchController] });

    const yes = await send(app.url, { path: '/search/typed?limit=1&active=true' });
    const no = await send(app.url, { path: '/search/typed?limit=1&active=false' });
    expect(yes.json).to.include({ active: true, activeType: 'boolean' });
    expect(no.json).to.include({ active: false, activeType: 'boolean' });
  });

  it('gives an array field as an array whether the name appears once or several times', async () => {
    const app = await start({ controllers: [SearchController] });

    const once = await send(app.url, { path: '/search/typed?limit=1&tag=red' });
    const twice = await send(app.url, { path: '/search/typed?limit=1&tag=red&tag=blue' });
    expect(once.json.tag).to.deep.equal(['red']);
    expect(twice.json.tag).to.deep.equal(['red', 'blue']);
  });

  it('coerces each item of an array field to the item type', async () => {
    const app = await start({ controllers: [SearchController] });

    const once = await send(app.url, { path: '/search/typed?ids=7' });
    const twice = await send(app.url, { path: '/search/typed?ids=7&ids=8' });
    expect(once.json.ids).to.deep.equal([7]);
    expect(twice.json.ids).to.deep.equal([7, 8]);
  });

  it('fills in the default of the query schema for an absent field', async () => {
    const app = await start({ controllers: [SearchController] });

    const res = await send(app.url, { path: '/search/typed' });
    expect(res.json).to.include({ limit: 20, limitType: 'number' });
  });

  it('gives strings, and an array for a repeated name, when the route has no query schema', async () => {
    const app = await start({ controllers: [SearchController] });

    const res = await send(app.url, { path: '/search/raw?q=new%20york&tag=a&tag=b' });
    expect(res.json).to.deep.equal({ q: 'new york', tag: ['a', 'b'] });
  });

  it('gives undefined for a field the query does not carry', async () => {
    const app = await start({ controllers: [SearchController] });

    const res = await send(app.url, { path: '/search/raw' });
    expect(res.json).to.deep.equal({ q: null, tag: null });
  });

  it('gives the whole query when called without a name', async () => {
    const app = await start({ controllers: [SearchController] });

    const res = await send(app.url, { path: '/search/all?a=1&b=two' });
    expect(res.json).to.deep.equal({ a: '1', b: 'two' });
  });
});

describe('@Body()', () => {
  const start = useApps();

  it('gives the parsed JSON body', async () => {
    @Controller('/echo')
    class EchoController {
      @Post()
      echo(@Body() body: unknown) {
        return { received: body };
      }
    }
    const app = await start({ controllers: [EchoController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/echo',
      json: { name: 'Oslo', tags: [1, 2] },
    });
    expect(res.json).to.deep.equal({ received: { name: 'Oslo', tags: [1, 2] } });
  });

  it('gives the body to PUT and PATCH handlers as well', async () => {
    @Controller('/echo')
    class EchoController {
      @Put()
      replace(@Body() body: unknown) {
        return { replace: body };
      }

      @Patch()
      update(@Body() body: unknown) {
        return { update: body };
      }
    }
    const app = await start({ controllers: [EchoController] });

    const put = await send(app.url, { method: 'PUT', path: '/echo', json: { a: 1 } });
    const patch = await send(app.url, { method: 'PATCH', path: '/echo', json: [1] });
    expect(put.json).to.deep.equal({ replace: { a: 1 } });
    expect(patch.json).to.deep.equal({ update: [1] });
  });
});

describe('@Header()', () => {
  const start = useApps();

  @Controller('/headers')
  class HeaderController {
    @Get('/one')
    one(@Header('X-Tenant') tenant: unknown) {
      return { tenant: tenant ?? null };
    }

    @Get('/typed', { headers: Type.Object({ 'x-page': Type.Integer() }) })
    typed(@Header('x-page') page: unknown) {
      return { page, type: typeof page };
    }

    @Get('/all')
    all(@Header() headers: Record<string, string>) {
      return { tenant: headers['x-tenant'], host: typeof headers.host };
    }
  }

  it('gives a request header by name, whatever the case of the name', async () => {
    const app = await start({ controllers: [HeaderController] });

    const res = await send(app.url, { path: '/headers/one', headers: { 'x-tenant': 'acme' } });
    expect(res.json).to.deep.equal({ tenant: 'acme' });
  });

  it('gives undefined for a header the request does not carry', async () => {
    const app = await start({ controllers: [HeaderController] });

    const res = await send(app.url, { path: '/headers/one' });
    expect(res.json).to.deep.equal({ tenant: null });
  });

  it('coerces a header to the type of the headers schema', async () => {
    const app = await start({ controllers: [HeaderController] });

    const res = await send(app.url, { path: '/headers/typed', headers: { 'X-Page': '3' } });
    expect(res.json).to.deep.equal({ page: 3, type: 'number' });
  });

  it('gives every header, by lower-case name, when called without a name', async () => {
    const app = await start({ controllers: [HeaderController] });

    const res = await send(app.url, { path: '/headers/all', headers: { 'X-Tenant': 'acme' } });
    expect(res.json).to.deep.equal({ tenant: 'acme', host: 'string' });
  });
});

describe('@Ctx()', () => {
  const start = useApps();

  it('gives the RequestContext of the request', async () => {
    @Controller('/ctx')
    class ContextController {
      @Post('/:id', { body: Type.Object({ a: Type.Number() }) })
      inspect(@Ctx() ctx: RequestContext) {
        return {
          isContext: ctx instanceof RequestContext,
          method: ctx.method,
          path: ctx.path,
          rawQuery: ctx.rawQuery,
          params: ctx.params,
          query: ctx.query,
          body: ctx.body,
          header: ctx.headers['x-trace'],
        };
      }
    }
    const app = await start({ controllers: [ContextController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/ctx/9?sort=name',
      headers: { 'x-trace': 't-1' },
      json: { a: 1 },
    });
    expect(res.json).to.deep.equal({
      isContext: true,
      method: 'POST',
      path: '/ctx/9',
      rawQuery: 'sort=name',
      params: { id: '9' },
      query: { sort: 'name' },
      body: { a: 1 },
      header: 't-1',
    });
  });

  it('passes each decorated argument at its own position, mixed with the others', async () => {
    @Controller('/mixed')
    class MixedController {
      @Post('/:id')
      mixed(
        @Query('q') q: string,
        @Ctx() ctx: RequestContext,
        @Body() body: unknown,
        @Param('id') id: string,
        @Header('x-one') one: string,
      ) {
        return { q, method: ctx.method, body, id, one };
      }
    }
    const app = await start({ controllers: [MixedController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/mixed/5?q=z',
      headers: { 'x-one': '1' },
      json: { b: true },
    });
    expect(res.json).to.deep.equal({
      q: 'z',
      method: 'POST',
      body: { b: true },
      id: '5',
      one: '1',
    });
  });
});
