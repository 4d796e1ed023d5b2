import { expect } from 'chai';
import { Controller, Delete, Get, Param, Post, Put, Type } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { useApps } from './support/apps.js';

const PROBLEM = /^application\/problem\+json/;

@Controller('/files')
class FileController {
  @Get('/:name')
  read(@Param('name') name: string) {
    return { name };
  }

  @Get('/:dir/:name')
  nested(@Param('dir') dir: string, @Param('name') name: string) {
    return { dir, name };
  }

  @Put('/:name')
  write(@Param('name') name: string) {
    return { written: name };
  }
}

@Controller('/notes')
class NoteController {
  @Get()
  list() {
    return [{ id: 1, text: 'héllo' }];
  }

  @Post()
  add() {
    return { id: 2 };
  }

  @Delete('/:id')
  remove() {
    return undefined;
  }
}

const controllers = [FileController, NoteController];

function allowed(res: TestResponse): string[] {
  return String(res.headers.allow).split(/,\s*/).sort();
}

describe('koaTransport(): unknown paths', () => {
  const start = useApps();

  it('answers 404 with a problem document', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { path: '/nowhere?x=1' });
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.match(PROBLEM);
    expect(res.json).to.include({ type: 'about:blank', title: 'Not Found', status: 404 });
    expect(res.json.instance).to.equal('/nowhere');
  });

  it('matches one spelling of a path: another letter case or a trailing slash is a 404', async () => {
    const app = await start({ controllers });

    expect((await send(app.url, { path: '/notes' })).status, '/notes').to.equal(200);
    expect((await send(app.url, { path: '/files/a' })).status, '/files/a').to.equal(200);
    for (const path of ['/Notes', '/notes/', '/FILES/a', '/files/a/']) {
      const res = await send(app.url, { path });
      expect(res.status, path).to.equal(404);
      expect(res.headers['content-type'], path).to.match(PROBLEM);
    }
  });

  it('answers 404 whatever the method', async () => {
    const app = await start({ controllers });

    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const res = await send(app.url, { method, path: '/nowhere' });
      expect(res.status, method).to.equal(404);
    }
  });
});

describe('koaTransport(): methods a path does not answer', () => {
  const start = useApps();

  it('answers 405 with an Allow header listing the methods the path answers', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { method: 'PATCH', path: '/notes' });
    expect(res.status).to.equal(405);
    expect(res.headers['content-type']).to.match(PROBLEM);
    expect(res.json).to.include({ title: 'Method Not Allowed', status: 405, instance: '/notes' });
    expect(allowed(res)).to.deep.equal(['GET', 'HEAD', 'POST']);
  });

  it('answers 405 on a path with parameters, naming only the methods of that path', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { method: 'POST', path: '/notes/4' });
    expect(res.status).to.equal(405);
    expect(allowed(res)).to.deep.equal(['DELETE']);
  });
});

describe('koaTransport(): HEAD on a GET route', () => {
  const start = useApps();

  it('answers with the headers of the GET, Content-Length included, and no body', async () => {
    const app = await start({ controllers });

    const get = await send(app.url, { path: '/notes' });
    const head = await send(app.url, { method: 'HEAD', path: '/notes' });
    expect(head.status).to.equal(200);
    expect(head.raw.length).to.equal(0);
    expect(head.headers['content-type']).to.equal(get.headers['content-type']);
    expect(head.headers['content-length']).to.equal(String(get.raw.length));
  });

  it('answers a failing HEAD with the status of the GET and no body', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { method: 'HEAD', path: '/nowhere' });
    expect(res.status).to.equal(404);
    expect(res.raw.length).to.equal(0);
  });
});

describe('koaTransport(): percent-encoded paths', () => {
  const start = useApps();

  for (const path of ['/files/%AF', '/files/%', '/files/%zz', '/files/%E0%A4%A', '/nowhere/%C0']) {
    it(`answers 400, never 500, for the malformed escape in ${path}`, async () => {
      const app = await start({ controllers });

      const res = await send(app.url, { path });
      expect(res.status).to.equal(400);
      expect(res.headers['content-type']).to.match(PROBLEM);
      expect(res.json).to.include({ title: 'Bad Request', status: 400 });
    });
  }

  it('keeps an encoded slash (%2F) inside one parameter', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { path: '/files/a%2Fb' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ name: 'a/b' });
  });

  it('decodes parameters, UTF-8 included', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { path: '/files/docs/r%C3%A9sum%C3%A9%20final.pdf' });
    expect(res.json).to.deep.equal({ dir: 'docs', name: 'résumé final.pdf' });
  });

  it('does not fail a request for a malformed escape in its query string', async () => {
    const app = await start({ controllers });

    const res = await send(app.url, { path: '/files/a?q=%AF' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ name: 'a' });
  });
});

describe('koaTransport(): route precedence', () => {
  const start = useApps();

  @Controller('/cities')
  class CityController {
    @Get('/:id', { params: Type.Object({ id: Type.Integer() }) })
    byId(@Param('id') id: number) {
      return { byId: id };
    }

    @Get()
    list() {
      return { list: true };
    }

    @Get('/search')
    search() {
      return { search: true };
    }

    @Get('/:country/:name')
    byName(@Param('country') country: string, @Param('name') name: string) {
      return { country, name };
    }

    @Get('/in/:country')
    inCountry(@Param('country') country: string) {
      return { inCountry: country };
    }
  }

  it('prefers a static segment to a parameter declared above it', async () => {
    const app = await start({ controllers: [CityController] });

    const search = await send(app.url, { path: '/cities/search' });
    const byId = await send(app.url, { path: '/cities/12' });
    const list = await send(app.url, { path: '/cities' });
    expect(search.json).to.deep.equal({ search: true });
    expect(byId.json).to.deep.equal({ byId: 12 });
    expect(list.json).to.deep.equal({ list: true });
  });

  it('decides at the first segment where two routes differ', async () => {
    const app = await start({ controllers: [CityController] });

    const static_ = await send(app.url, { path: '/cities/in/no' });
    const dynamic = await send(app.url, { path: '/cities/no/oslo' });
    expect(static_.json).to.deep.equal({ inCountry: 'no' });
    expect(dynamic.json).to.deep.equal({ country: 'no', name: 'oslo' });
  });
});
