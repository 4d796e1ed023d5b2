import { expect } from 'chai';
import { Validator } from '@seriousme/openapi-schema-validator';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Param,
  Post,
  Query,
  Type,
  openApiDocument,
  type Static,
} from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { build, rejectionOf, useApps } from './support/apps.js';

const Book = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  year: Type.Optional(Type.Integer()),
});
const NewBook = Type.Object({
  title: Type.String({ minLength: 1 }),
  year: Type.Optional(Type.Integer()),
});
const Problem = Type.Object({ title: Type.String(), status: Type.Integer() });

@Controller('/books')
class BooksController {
  @Get('', {
    summary: 'List books',
    query: Type.Object({
      q: Type.Optional(Type.String({ description: 'Title prefix' })),
      limit: Type.Integer({ minimum: 1 }),
    }),
    response: { 200: Type.Array(Book) },
  })
  list(@Query('limit') limit: number) {
    return [{ id: 1, title: 'Dune', year: 1965 }].slice(0, limit);
  }

  @Get('/:id', {
    params: Type.Object({ id: Type.Integer() }),
    response: { 200: Book, 404: Problem },
  })
  byId(@Param('id') id: number) {
    return { id, title: 'Dune' };
  }

  @Post('', {
    creates: true,
    body: NewBook,
    headers: Type.Object({ 'x-request-id': Type.String() }),
    response: { 201: Book },
  })
  create(@Body() book: Static<typeof NewBook>, @Header('x-request-id') _requestId: string) {
    return { id: 2, ...book };
  }

  @Delete('/:id')
  remove(@Param('id') _id: string) {
    return undefined;
  }
}

const info = { title: 'Books', version: '1.2.3' };

describe('createApp({ openapi })', () => {
  const start = useApps();

  it('serve an OpenAPI 3.1 document at /openapi.json that a validator accepts', async () => {
    const app = await start({ controllers: [BooksController], openapi: info });

    const res = await send(app.url, { path: '/openapi.json' });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    const verdict = await new Validator().validate(res.json);
    expect(verdict.errors ?? []).to.deep.equal([]);
    expect(verdict.valid).to.equal(true);
    expect(res.json).to.include({ openapi: '3.1.0' });
    expect(res.json.info).to.deep.equal(info);
  });

  it('list every route once, in OpenAPI path syntax, and not the document itself', async () => {
    const app = await start({ controllers: [BooksController], openapi: info });

    const { json } = await send(app.url, { path: '/openapi.json' });
    expect(Object.keys(json.paths)).to.deep.equal(['/books', '/books/{id}']);
    expect(Object.keys(json.paths['/books'])).to.deep.equal(['get', 'post']);
    expect(Object.keys(json.paths['/books/{id}'])).to.deep.equal(['get', 'delete']);
    expect(json.paths['/books'].get).to.include({
      operationId: 'BooksController.list',
      summary: 'List books',
    });
    expect(json.paths['/books'].get.tags).to.deep.equal(['Books']);
  });

  it('describe parameters, body and responses from the schemas the routes validate with', async () => {
    const app = await start({ controllers: [BooksController], openapi: info });
    const { json } = await send(app.url, { path: '/openapi.json' });

    const list = json.paths['/books'].get;
    expect(list.parameters).to.deep.equal([
      {
        name: 'q',
        in: 'query',
        description: 'Title prefix',
        schema: { type: 'string', description: 'Title prefix' },
      },
      { name: 'limit', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
    ]);
    expect(list.responses['200'].content['application/json'].schema.items.required).to.deep.equal([
      'id',
      'title',
    ]);

    const byId = json.paths['/books/{id}'].get;
    expect(byId.parameters).to.deep.equal([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
    ]);
    expect(byId.responses['404'].content).to.have.key('application/problem+json');

    const create = json.paths['/books'].post;
    expect(create.requestBody.required).to.equal(true);
    expect(create.requestBody.content['application/json'].schema.properties.title).to.deep.equal({
      type: 'string',
      minLength: 1,
    });
    expect(create.parameters).to.deep.equal([
      { name: 'x-request-id', in: 'header', required: true, schema: { type: 'string' } },
    ]);
    expect(Object.keys(create.responses)).to.deep.equal(['201', '400', 'default']);
  });

  it('declare an untyped path parameter as a string and every error as a problem document', async () => {
    const app = await start({ controllers: [BooksController], openapi: info });
    const { json } = await send(app.url, { path: '/openapi.json' });

    const remove = json.paths['/books/{id}'].delete;
    expect(remove.parameters).to.deep.equal([
      { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(remove.responses.default).to.deep.equal({ $ref: '#/components/responses/Problem' });
    expect(json.components.schemas.Problem.required).to.deep.equal(['type', 'title', 'status']);
  });

  it('serve it at the path given, and answer HEAD there', async () => {
    const app = await start({
      controllers: [BooksController],
      openapi: { ...info, path: '/docs/api.json' },
    });

    const got = await send(app.url, { path: '/docs/api.json' });
    const head = await send(app.url, { method: 'HEAD', path: '/docs/api.json' });
    const old = await send(app.url, { path: '/openapi.json' });
    expect(got.status).to.equal(200);
    expect(head.status).to.equal(200);
    expect(head.headers['content-length']).to.equal(got.headers['content-length']);
    expect(old.status).to.equal(404);
  });

  it('refuse at startup a route of the app at the same path', async () => {
    @Controller('/openapi.json')
    class Clash {
      @Get()
      mine() {
        return {};
      }
    }
    const error = await rejectionOf(build({ controllers: [Clash], openapi: info }).ready());
    expect(error.message)
      .to.include('Two routes answer the same method and path')
      .and.include('Clash.mine');
  });

  it('serve nothing extra when not asked', async () => {
    const app = await start({ controllers: [BooksController] });

    const res = await send(app.url, { path: '/openapi.json' });
    expect(res.status).to.equal(404);
  });
});

describe('openApiDocument()', () => {
  it('builds the same document from app.routes without serving it', async () => {
    const app = build({ controllers: [BooksController] });
    await app.ready();

    const document = openApiDocument(app.routes, {
      ...info,
      servers: [{ url: 'https://books.example' }],
    });
    expect(document.servers).to.deep.equal([{ url: 'https://books.example' }]);
    expect(Object.keys(document.paths as object)).to.deep.equal(['/books', '/books/{id}']);
    expect(
      (await new Validator().validate(document as Parameters<Validator['validate']>[0])).valid,
    ).to.equal(true);
  });
});
