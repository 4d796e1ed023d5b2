import { request } from 'node:http';
import { expect } from 'chai';
import { Body, Controller, Post, Type, type App } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { build, useApps } from './support/apps.js';

const PROBLEM = /^application\/problem\+json/;
const MB = 1024 * 1024;

/** A JSON body of exactly `bytes` bytes: a string member padded to size. */
function jsonOfSize(bytes: number): string {
  const frame = '{"pad":""}';
  return `{"pad":"${'x'.repeat(bytes - frame.length)}"}`;
}

/** POSTs `body` as it is, declared as `type` (JSON unless told otherwise). */
function post(app: App, path: string, body: string | Buffer, type = 'application/json') {
  return send(app.url, { method: 'POST', path, headers: { 'content-type': type }, body });
}

/** POSTs `chunks` with Transfer-Encoding: chunked, so the server cannot know the size up front. */
function postChunked(
  app: App,
  path: string,
  chunks: string[],
): Promise<{ status: number; json: any }> {
  const { hostname, port } = new URL(app.url);
  const headers = { 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: 'POST', path, agent: false, headers },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(parts).toString()),
          });
        });
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

function expectProblem(res: TestResponse, status: number) {
  expect(res.status).to.equal(status);
  expect(res.headers['content-type']).to.match(PROBLEM);
  expect(res.json).to.include({ status });
}

@Controller('/echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown) {
    return { received: body ?? null };
  }

  @Post('/large', { bodyLimit: '2mb' })
  large(@Body() body: { pad: string }) {
    return { length: body.pad.length };
  }

  @Post('/small', { bodyLimit: 100 })
  small(@Body() body: unknown) {
    return { received: body };
  }

  @Post('/typed', { body: Type.Object({ n: Type.Number() }) })
  typed(@Body() body: unknown) {
    return body;
  }

  @Post('/bodiless')
  bodiless() {
    return { ok: true };
  }
}

describe('koaTransport(): JSON request bodies', () => {
  const start = useApps();

  it('accepts application/json with a charset, +json media types, and any letter case', async () => {
    const app = await start({ controllers: [EchoController] });

    for (const type of [
      'application/json; charset=utf-8',
      'application/vnd.api+json',
      'Application/JSON',
    ]) {
      const res = await post(app, '/echo', '{"a":1}', type);
      expect(res.status, type).to.equal(200);
      expect(res.json, type).to.deep.equal({ received: { a: 1 } });
    }
  });

  it('accepts any JSON value at the top level', async () => {
    const app = await start({ controllers: [EchoController] });

    for (const value of [[1, 2], 'text', 42, false]) {
      const res = await send(app.url, { method: 'POST', path: '/echo', json: value });
      expect(res.json).to.deep.equal({ received: value });
    }
  });

  it('reads a chunked body with no Content-Length', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await postChunked(app, '/echo', ['{"a":', '[1,', '2]}']);
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ received: { a: [1, 2] } });
  });

  it('gives undefined to the handler when the request has no body', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await send(app.url, { method: 'POST', path: '/echo' });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ received: null });
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const app = await start({ controllers: [EchoController] });

    const text = await post(app, '/echo', '{"a":1}', 'text/plain');
    const form = await post(app, '/echo', 'a=1', 'application/x-www-form-urlencoded');
    const untyped = await send(app.url, { method: 'POST', path: '/echo', body: '{"a":1}' });
    expectProblem(text, 415);
    expect(text.json.detail).to.include("'text/plain'");
    expectProblem(form, 415);
    expectProblem(untyped, 415);
    expect(untyped.json.detail).to.include('no Content-Type');
  });

  it('answers 415 for a JSON body in a charset other than UTF-8', async () => {
    const app = await start({ controllers: [EchoController] });

    const latin1 = Buffer.from('{"city":"Montréal"}', 'latin1');
    const res = await post(app, '/echo', latin1, 'application/json; charset=iso-8859-1');
    expectProblem(res, 415);
    expect(res.json.detail).to.include('iso-8859-1');
  });

  it('answers 400 for malformed JSON', async () => {
    const app = await start({ controllers: [EchoController] });

    for (const body of ['{"a":', '{a:1}', "{'a':1}", '[1,2,]', 'undefined']) {
      const res = await post(app, '/echo', body);
      expectProblem(res, 400);
      expect(res.json.detail, body).to.include('not valid JSON');
    }
  });

  it('ignores the body sent to a route that takes none', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await post(app, '/echo/bodiless', 'hello', 'text/plain');
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ ok: true });
  });
});

describe('koaTransport(): prototype pollution through JSON bodies', () => {
  const start = useApps();

  const payloads = [
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"a":{"b":{"__proto__":{"polluted":1}}}}',
    '[{"constructor":{"prototype":{"polluted":1}}}]',
    '{"\\u005f_proto__":{"polluted":1}}',
  ];

  for (const payload of payloads) {
    it(`refuses ${payload} with 400 and leaves Object.prototype untouched`, async () => {
      const app = await start({ controllers: [EchoController] });

      for (const path of ['/echo', '/echo/typed']) {
        const res = await post(app, path, payload);
        expectProblem(res, 400);
        expect(res.json.detail).to.include('forbidden key');
      }
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(Object.prototype).not.to.have.property('polluted');
    });
  }

  it('accepts a body with an ordinary "constructor" member', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await send(app.url, {
      method: 'POST',
      path: '/echo',
      json: { constructor: 'Brunel' },
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ received: { constructor: 'Brunel' } });
  });
});

describe('koaTransport({ bodyLimit }) and RouteOptions.bodyLimit', () => {
  const start = useApps();

  it('accept a body of exactly 1 MB by default', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await post(app, '/echo', jsonOfSize(MB));
    expect(res.status).to.equal(200);
  });

  it('answer 413 for a body over 1 MB by default', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await post(app, '/echo', jsonOfSize(MB + 1));
    expectProblem(res, 413);
    expect(res.json.detail).to.include(String(MB));
  });

  it('answer 413 for a chunked body once it passes the limit', async () => {
    const app = await start({ controllers: [EchoController], transport: { bodyLimit: 1024 } });

    const res = await postChunked(app, '/echo', [
      '{"pad":"',
      'x'.repeat(800),
      'x'.repeat(800),
      '"}',
    ]);
    expect(res.status).to.equal(413);
  });

  it('apply the limit given to koaTransport({ bodyLimit }) to every route', async () => {
    const app = await start({ controllers: [EchoController], transport: { bodyLimit: '1kb' } });

    const fits = await post(app, '/echo', jsonOfSize(1024));
    const over = await post(app, '/echo', jsonOfSize(1025));
    expect(fits.status).to.equal(200);
    expectProblem(over, 413);
  });

  it("let a route's bodyLimit raise the limit for that route only", async () => {
    const app = await start({ controllers: [EchoController] });
    const body = jsonOfSize(1.5 * MB);

    const large = await post(app, '/echo/large', body);
    const other = await post(app, '/echo', body);
    expect(large.status).to.equal(200);
    expect(large.json).to.deep.equal({ length: 1.5 * MB - '{"pad":""}'.length });
    expectProblem(other, 413);
  });

  it("let a route's bodyLimit lower the limit for that route only", async () => {
    const app = await start({ controllers: [EchoController], transport: { bodyLimit: '1kb' } });
    const body = jsonOfSize(200);

    const small = await post(app, '/echo/small', body);
    const other = await post(app, '/echo', body);
    expectProblem(small, 413);
    expect(other.status).to.equal(200);
  });
});

describe('koaTransport({ bodyDepthLimit })', () => {
  const start = useApps();
  const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('accept arrays and objects nested 64 levels deep by default', async () => {
    const app = await start({ controllers: [EchoController] });
    const body = '{"a":'.repeat(32) + nested(32) + '}'.repeat(32);

    const res = await post(app, '/echo', body);
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.json.received)).to.equal(body);
  });

  it('answer 400 naming the limit for a body nested one level deeper', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await post(app, '/echo', '{"a":'.repeat(32) + nested(33) + '}'.repeat(32));
    expectProblem(res, 400);
    expect(res.json.detail).to.equal('The body nests arrays and objects deeper than 64 levels.');
  });

  it('answer 400, not 500, for a megabyte of nested brackets, and keep serving', async () => {
    const app = await start({ controllers: [EchoController] });

    const res = await post(app, '/echo', nested(500_000));
    expectProblem(res, 400);
    const after = await send(app.url, { method: 'POST', path: '/echo', json: { ok: true } });
    expect(after.json).to.deep.equal({ received: { ok: true } });
  });

  it('not count brackets inside strings, escaped quotes included', async () => {
    const app = await start({ controllers: [EchoController], transport: { bodyDepthLimit: 2 } });
    const text = `[[ "\\"[[[[{{{{" ]]`;

    const res = await post(app, '/echo', text);
    expect(res.status).to.equal(200);
    expect(res.json.received).to.deep.equal([['"[[[[{{{{']]);
  });

  it('apply the limit given to koaTransport({ bodyDepthLimit })', async () => {
    const app = await start({ controllers: [EchoController], transport: { bodyDepthLimit: 2 } });

    const fits = await post(app, '/echo', '{"a":[1]}');
    const over = await post(app, '/echo', '{"a":[{}]}');
    expect(fits.status).to.equal(200);
    expectProblem(over, 400);
  });

  it('refuse a limit that is not a whole number of levels at startup', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() =>
        build({ controllers: [EchoController], transport: { bodyDepthLimit: bad } }),
      ).to.throw(TypeError, /bodyDepthLimit/);
    }
  });
});
