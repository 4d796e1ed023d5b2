import { expect } from 'chai';
import type { TestRequest, TestResponse } from '@fastjson-api/core/testing';
import {
  Body,
  Cached,
  Controller,
  Ctx,
  Get,
  Invalidates,
  Put,
  RequestContext,
} from '@fastjson-api/core';
import { fullPathCounter, useCachedApps } from './support/http.js';

function itemsController() {
  const state = { calls: 0, note: 'first' };

  @Controller('/items')
  class ItemController {
    @Get()
    @Cached({ ttl: 60, tags: ['items'] })
    list(@Ctx() ctx: RequestContext) {
      state.calls++;
      return {
        query: ctx.query,
        note: state.note,
        rows: Array.from({ length: 60 }, (_, i) => `row ${i}`),
      };
    }

    @Put()
    @Invalidates(['items'])
    write(@Body() body: { note: string }) {
      state.note = body.note;
      return { note: state.note };
    }
  }
  return { controller: ItemController, state };
}

/** Headers that say something about the answer: not the date or the connection. */
function answerHeaders(res: TestResponse): Record<string, unknown> {
  const { date, connection, 'keep-alive': keepAlive, ...rest } = res.headers;
  return rest;
}

describe('front door and full path', () => {
  const start = useCachedApps();

  describe('front door on', () => {
    it('answers a hit on a URL it has seen before the router: no interceptor runs', async () => {
      const { controller, state } = itemsController();
      const counter = fullPathCounter();
      const { request } = await start({ controllers: [controller], before: [counter] });

      await request('/items?page=1');
      const pathsAfterMiss = counter.count;
      const hit = await request('/items?page=1');

      expect(pathsAfterMiss).to.equal(1);
      expect(hit.headers['x-cache']).to.equal('HIT');
      expect(counter.count, 'full-path requests').to.equal(1);
      expect(state.calls).to.equal(1);
    });

    it('knows URLs by their exact raw form: another spelling of one key is a HIT through the full path first', async () => {
      const { controller } = itemsController();
      const counter = fullPathCounter();
      const { request } = await start({ controllers: [controller], before: [counter] });

      await request('/items?b=1&a=2');
      const swapped = await request('/items?a=2&b=1');
      const pathsAfterSwapped = counter.count;
      const swappedAgain = await request('/items?a=2&b=1');

      expect(swapped.headers['x-cache']).to.equal('HIT');
      expect(pathsAfterSwapped, 'the new spelling took the full path').to.equal(2);
      expect(swappedAgain.headers['x-cache']).to.equal('HIT');
      expect(counter.count, 'then the front door knew it').to.equal(2);
    });

    it('declines requests with credentials, expired entries and invalidated entries', async () => {
      const { controller, state } = itemsController();
      const counter = fullPathCounter();
      const { request, clock } = await start({ controllers: [controller], before: [counter] });

      await request('/items');
      const bypass = await request({ path: '/items', headers: { cookie: 'a=1' } });
      clock.advance(60_000);
      const expired = await request('/items');
      await request({ method: 'PUT', path: '/items', json: { note: 'second' } });
      const invalidated = await request('/items');

      expect(bypass.headers['x-cache']).to.equal('BYPASS');
      expect(expired.headers['x-cache']).to.equal('MISS');
      expect(invalidated.headers['x-cache']).to.equal('MISS');
      expect(invalidated.json.note).to.equal('second');
      expect(state.calls).to.equal(4);
      expect(counter.count, 'every one took the full path').to.equal(5);
    });

    it('leaves other methods on a cached URL to the router', async () => {
      const { controller } = itemsController();
      const { request } = await start({ controllers: [controller] });

      await request('/items');
      const post = await request({ method: 'POST', path: '/items', json: {} });

      expect(post.status).to.equal(405);
      expect(post.headers).not.to.have.property('x-cache');
    });

    it('forgets URLs by bytes as well as by count: long URLs evict each other, short ones stay', async () => {
      const { controller, state } = itemsController();
      const counter = fullPathCounter();
      const { request } = await start({
        controllers: [controller],
        before: [counter],
        memory: { frontDoorBytes: 8_000 },
      });
      const long = (n: number) => `/items?q=${String(n).repeat(1000)}`;

      await request(long(1));
      await request(long(1));
      const whileRemembered = counter.count;
      await request(long(2));
      await request(long(1));
      const afterEviction = counter.count;
      for (let i = 0; i < 10; i++) await request(`/items?n=${i}`);
      for (let i = 0; i < 10; i++) await request(`/items?n=${i}`);

      expect(
        whileRemembered,
        'the second request of a remembered URL skips the full path',
      ).to.equal(1);
      expect(afterEviction, 'a second long URL pushed the first out').to.equal(3);
      expect(counter.count, 'ten short URLs fit the same budget').to.equal(13);
      expect(state.calls).to.equal(12);
    });

    it('refuses a frontDoorBytes that is not a size', async () => {
      const { controller } = itemsController();
      const error = await start({
        controllers: [controller],
        memory: { frontDoorBytes: 'lots' },
      }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).to.be.instanceOf(TypeError);
      expect(error!.message).to.include('frontDoorBytes');
    });

    it('still answers hits through the full path when it remembers fewer URLs than are in use', async () => {
      const { controller, state } = itemsController();
      const { request } = await start({ controllers: [controller], memory: { frontDoorUrls: 1 } });

      for (const path of ['/items?x=1', '/items?x=2', '/items?x=1', '/items?x=2'])
        await request(path);
      const hit = await request('/items?x=1');

      expect(hit.headers['x-cache']).to.equal('HIT');
      expect(state.calls).to.equal(2);
    });
  });

  describe('front door off', () => {
    it('sends every request through the full path, hits included', async () => {
      const { controller, state } = itemsController();
      const counter = fullPathCounter();
      const { request } = await start({
        controllers: [controller],
        memory: { frontDoor: false },
        before: [counter],
      });

      for (let i = 0; i < 3; i++) await request('/items');

      expect(counter.count).to.equal(3);
      expect(state.calls).to.equal(1);
    });
  });

  it('gives the same answers either way: status, headers and bytes', async () => {
    const on = itemsController();
    const off = itemsController();
    const withDoor = await start({ controllers: [on.controller] });
    const without = await start({ controllers: [off.controller], memory: { frontDoor: false } });
    const script: TestRequest[] = [
      { path: '/items?q=1' },
      { path: '/items?q=1' },
      { method: 'HEAD', path: '/items?q=1' },
      { path: '/items?q=1', headers: { 'accept-encoding': 'gzip' } },
      { path: '/items?q=1', headers: { 'accept-encoding': 'br' } },
      { path: '/items?q=1', headers: { authorization: 'Bearer a' } },
    ];

    const etag = (await withDoor.request(script[0]!)).headers.etag!;
    await without.request(script[0]!);
    script.push({ path: '/items?q=1', headers: { 'if-none-match': etag } });
    withDoor.clock.advance(12_000);
    without.clock.advance(12_000);

    for (const request of script.slice(1)) {
      const a = await withDoor.request(request);
      const b = await without.request(request);
      const label = `${request.method ?? 'GET'} ${JSON.stringify(request.headers ?? {})}`;
      expect(a.status, label).to.equal(b.status);
      expect(answerHeaders(a), label).to.deep.equal(answerHeaders(b));
      expect(a.raw.equals(b.raw), `${label}: bytes`).to.equal(true);
    }
  });
});
