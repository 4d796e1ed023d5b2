import { connect } from 'node:net';
import { expect } from 'chai';
import { Body, Controller, Get, Patch, Type } from '@fastjson-api/core';
import { send } from '@fastjson-api/core/testing';
import { useApps } from './support/apps.js';

/** Sends raw bytes on a fresh socket and returns everything the server answers before it closes. */
function raw(url: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(payload));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('end', () => resolve(answer));
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 3000);
  });
}

@Controller('/things')
class ThingController {
  @Get('/:id')
  one() {
    return { ok: true };
  }

  @Patch('/:id', { body: Type.Object({ name: Type.String() }) })
  rename(@Body() body: { name: string }) {
    return body;
  }
}

describe('koaTransport() under malformed requests', () => {
  const start = useApps();

  it('answers a request Node cannot parse with a 400 problem document, then closes', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(
      app.url,
      'GET /things/1 HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).to.include({
      status: 400,
      title: 'Bad Request',
    });
  });

  it('answers oversized headers with a 431 problem document', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(
      app.url,
      `GET /things/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer).to.match(/^HTTP\/1\.1 431 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
  });

  it('answers an absolute-form target with a bad host with a 400 problem document, not a 500', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(
      app.url,
      'GET http://[::1/things/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 400 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
  });

  it('refuses a JSON body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const app = await start({ controllers: [ThingController] });
    const body = Buffer.concat([
      Buffer.from('{"name":"Z'),
      Buffer.from([0xfc]),
      Buffer.from('rich"}'),
    ]);
    const res = await send(app.url, {
      method: 'PATCH',
      path: '/things/1',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).to.equal(400);
    expect(res.json.detail).to.match(/UTF-8/);
  });

  it('accepts valid UTF-8 and keeps its characters', async () => {
    const app = await start({ controllers: [ThingController] });
    const res = await send(app.url, {
      method: 'PATCH',
      path: '/things/1',
      json: { name: 'Zürich 🏔' },
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ name: 'Zürich 🏔' });
  });

  it('refuses a compressed request body with 415', async () => {
    const app = await start({ controllers: [ThingController] });
    const res = await send(app.url, {
      method: 'PATCH',
      path: '/things/1',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: '{"name":"x"}',
    });
    expect(res.status).to.equal(415);
    expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  });

  it('lists at most 50 failing fields and says how many more failed', async () => {
    @Controller('/strict')
    class StrictController {
      @Patch('/', { body: Type.Object({}, { additionalProperties: false }) })
      patch() {
        return {};
      }
    }
    const app = await start({ controllers: [StrictController] });
    const json = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, 1]));
    const res = await send(app.url, { method: 'PATCH', path: '/strict', json });
    expect(res.status).to.equal(400);
    expect(res.json.errors).to.have.length(50);
    expect(res.json.errorsOmitted).to.equal(450);
  });
});

@Controller('/slow')
class SlowController {
  @Patch('/:id', { body: Type.Object({ name: Type.String() }) })
  async rename(@Body() body: { name: string }) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return body;
  }
}

describe('requests Node itself would answer without a problem document', () => {
  const start = useApps();

  it('answers an HTTP/1.1 request without Host with a 400 problem document', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(app.url, 'GET /things/1 HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(answer).to.match(/^HTTP\/1\.1 400 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
    expect(answer).to.include('must carry a Host header');
  });

  it('answers a request with two Host lines, or an invalid Host, with a 400 problem document', async () => {
    const app = await start({ controllers: [ThingController] });
    for (const hosts of [
      'Host: a\r\nHost: b',
      'Host: a\r\nhost: a',
      'Host: a b/c@d',
      'Host: [::1',
    ]) {
      const answer = await raw(
        app.url,
        `GET /things/1 HTTP/1.1\r\n${hosts}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, hosts).to.match(/^HTTP\/1\.1 400 /);
      expect(answer, hosts).to.match(/content-type: application\/problem\+json/i);
      expect(answer, hosts).to.include('one valid Host header');
    }
  });

  it('serves the Host forms clients send: names, ports, IPv4, IPv6 literals, empty', async () => {
    const app = await start({ controllers: [ThingController] });
    for (const host of [
      'example.com',
      'example.com:8080',
      '127.0.0.1:3000',
      '[::1]:3000',
      'xn--zrich-kva.ch',
      '',
    ]) {
      const answer = await raw(
        app.url,
        `GET /things/1 HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, `Host: ${host}`).to.match(/^HTTP\/1\.1 200 /);
    }
  });

  it('still serves HTTP/1.0 requests without Host', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(app.url, 'GET /things/1 HTTP/1.0\r\n\r\n');
    expect(answer).to.match(/^HTTP\/1\.1 200 /);
    expect(answer).to.include('{"ok":true}');
  });

  it('answers an Expect other than 100-continue with a 417 problem document', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(
      app.url,
      'GET /things/1 HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 417 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
    expect(answer).to.include('Unsupported expectation: teapot');
  });

  it('answers CONNECT with a 405 problem document and closes', async () => {
    const app = await start({ controllers: [ThingController] });
    const answer = await raw(
      app.url,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );
    expect(answer).to.match(/^HTTP\/1\.1 405 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
    expect(answer).to.match(/connection: close/i);
  });

  it('answers a pipelined request before the unreadable one that follows it', async () => {
    const app = await start({ controllers: [SlowController] });
    const body = '{"name":"kept"}';
    const answer = await raw(
      app.url,
      `PATCH /slow/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
        'GET /things/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    const statuses = [...answer.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1]);
    expect(statuses).to.deep.equal(['200', '400']);
    expect(answer).to.include('{"name":"kept"}');
  });

  it('gives HEAD of an unknown path the Content-Length GET gets', async () => {
    const app = await start({ controllers: [ThingController] });
    const get = await send(app.url, { path: '/nowhere' });
    const head = await send(app.url, { method: 'HEAD', path: '/nowhere' });
    expect(head.status).to.equal(404);
    expect(head.headers['content-length']).to.equal(get.headers['content-length']);
  });
});

/**
 * Sends raw bytes and keeps the socket open on our side: resolves with what
 * the server answered and whether the server closed the connection, or with
 * `closed: false` after `waitMs`.
 */
function rawKeepingOpen(
  url: string,
  payload: string,
  waitMs: number,
): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: hostname, allowHalfOpen: true }, () =>
      socket.write(payload),
    );
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ answer, closed: true });
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, waitMs);
  });
}

describe('koaTransport() with a request body that cannot be read to its end', () => {
  const start = useApps();
  const head = 'PATCH /things/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';

  it('answers a body cut short with a 408 problem document when the request times out, and closes', async () => {
    const app = await start({
      controllers: [ThingController],
      transport: { requestTimeoutMs: 500, headersTimeoutMs: 400 },
    });
    const { answer, closed } = await rawKeepingOpen(
      app.url,
      `${head}Content-Length: 100\r\n\r\n{"na`,
      5000,
    );

    expect(answer).to.match(/^HTTP\/1\.1 408 /);
    expect(answer).to.match(/content-type: application\/problem\+json/i);
    expect(closed, 'the server closed the connection').to.equal(true);
  });

  it('answers a bad chunk size in the body with a 400 problem document, and closes', async () => {
    const app = await start({ controllers: [ThingController] });
    const { answer, closed } = await rawKeepingOpen(
      app.url,
      `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      5000,
    );

    expect(answer).to.match(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).to.include({ status: 400 });
    expect(closed, 'the server closed the connection').to.equal(true);
  });

  it('keeps serving other clients after many such requests', async () => {
    const app = await start({ controllers: [ThingController] });
    const bad = `${head}Transfer-Encoding: chunked\r\n\r\nzz\r\n`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => rawKeepingOpen(app.url, bad, 5000)),
    );

    expect(answers.filter((a) => a.closed).length, 'connections the server closed').to.equal(50);
    expect((await send(app.url, { path: '/things/1' })).status).to.equal(200);
  });
});
