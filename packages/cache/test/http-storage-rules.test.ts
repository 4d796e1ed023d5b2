import { expect } from 'chai';
import {
  Cached,
  Controller,
  Ctx,
  Get,
  HttpError,
  RequestContext,
  type Clock,
} from '@fastjson-api/core';
import {
  MemoryStore,
  responseCache,
  type CacheEntry,
  type CacheStore,
  type ContentCoding,
} from '../src/index.js';
import { PATHS, recordingLogger, useCachedApps } from './support/http.js';

/** A store over MemoryStore whose reads or writes can be made to throw. */
class FaultyStore implements CacheStore {
  readonly name = 'faulty';
  readonly inner: MemoryStore;
  failReads = false;
  failWrites = false;

  constructor(clock: Clock) {
    this.inner = new MemoryStore({ clock });
  }
  get(key: string) {
    if (this.failReads) throw new Error('store unreachable');
    return this.inner.get(key);
  }
  set(key: string, entry: CacheEntry) {
    if (this.failWrites) throw new Error('store full');
    this.inner.set(key, entry);
  }
  addEncoding(key: string, etag: string, coding: ContentCoding, bytes: Buffer) {
    return this.inner.addEncoding(key, etag, coding, bytes);
  }
  delete(key: string) {
    return this.inner.delete(key);
  }
  invalidateTags(tags: readonly string[]) {
    return this.inner.invalidateTags(tags);
  }
  clear() {
    this.inner.clear();
  }
  stats() {
    return this.inner.stats();
  }
}

/** What a module keeps and hands out: the test changes it after the handler returned it. */
const shared = { name: 'original', items: [1, 2, 3] };

describe('@Cached storage rules (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      describe('statuses', () => {
        it('does not store a 503 from a failing upstream: the next call is a MISS with 200, then a HIT', async () => {
          let calls = 0;
          @Controller('/weather')
          class WeatherController {
            @Get()
            @Cached({ ttl: 60 })
            today() {
              calls++;
              if (calls === 1) throw HttpError.serviceUnavailable('upstream down');
              return { sky: 'clear' };
            }
          }
          const { request } = await start({ controllers: [WeatherController], memory });

          const failed = await request('/weather');
          const recovered = await request('/weather');
          const hit = await request('/weather');

          expect(failed.status).to.equal(503);
          expect(failed.headers['content-type']).to.match(/^application\/problem\+json/);
          expect(recovered.status).to.equal(200);
          expect(recovered.headers['x-cache']).to.equal('MISS');
          expect(recovered.json).to.deep.equal({ sky: 'clear' });
          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.json).to.deep.equal({ sky: 'clear' });
          expect(calls).to.equal(2);
        });

        it('does not store a 404 by default', async () => {
          let calls = 0;
          @Controller('/things')
          class ThingController {
            @Get('/:id')
            @Cached({ ttl: 60 })
            byId() {
              calls++;
              throw HttpError.notFound('no such thing');
            }
          }
          const { request } = await start({ controllers: [ThingController], memory });

          await request('/things/9');
          const again = await request('/things/9');

          expect(again.status).to.equal(404);
          expect(again.headers['x-cache']).to.equal('MISS');
          expect(calls).to.equal(2);
        });

        it('stores a 404 when the route opts in with statuses: [200, 404]', async () => {
          let calls = 0;
          @Controller('/things')
          class ThingController {
            @Get('/:id')
            @Cached({ ttl: 60, statuses: [200, 404] })
            byId() {
              calls++;
              throw HttpError.notFound('no such thing');
            }
          }
          const { request } = await start({ controllers: [ThingController], memory });

          const miss = await request('/things/9');
          const hit = await request('/things/9');

          expect(hit.status).to.equal(404);
          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.raw.equals(miss.raw), 'same problem document').to.equal(true);
          expect(hit.headers['content-type']).to.equal(miss.headers['content-type']);
          expect(calls).to.equal(1);
        });

        it('does not store a 500 from a handler that throws', async () => {
          let calls = 0;
          @Controller('/broken')
          class BrokenController {
            @Get()
            @Cached({ ttl: 60 })
            read() {
              calls++;
              throw new Error('bug');
            }
          }
          const { request } = await start({ controllers: [BrokenController], memory });

          await request('/broken');
          const again = await request('/broken');

          expect(again.status).to.equal(500);
          expect(calls).to.equal(2);
        });
      });

      describe('what the handler says', () => {
        function answering(say: (ctx: RequestContext) => void) {
          const calls = { handler: 0 };
          @Controller('/answer')
          class AnswerController {
            @Get()
            @Cached({ ttl: 60 })
            read(@Ctx() ctx: RequestContext) {
              calls.handler++;
              say(ctx);
              return { run: calls.handler };
            }
          }
          return { controller: AnswerController, calls };
        }

        it('does not store a response that sets a cookie', async () => {
          const { controller, calls } = answering((ctx) => ctx.setHeader('Set-Cookie', 'seen=1'));
          const { request } = await start({ controllers: [controller], memory });

          const first = await request('/answer');
          const second = await request('/answer');

          expect(first.headers['set-cookie']).to.deep.equal(['seen=1']);
          expect(second.headers['x-cache']).to.equal('MISS');
          expect(second.json).to.deep.equal({ run: 2 });
          expect(calls.handler).to.equal(2);
        });

        it('does not store a response after ctx.noStore(), and tells the client no-store', async () => {
          const { controller, calls } = answering((ctx) => ctx.noStore());
          const { request } = await start({ controllers: [controller], memory });

          const first = await request('/answer');
          await request('/answer');

          expect(first.headers['cache-control']).to.equal('no-store');
          expect(calls.handler).to.equal(2);
        });

        it('does not store a response whose handler set Cache-Control: no-store', async () => {
          const { controller, calls } = answering((ctx) =>
            ctx.setHeader('Cache-Control', 'no-store'),
          );
          const { request } = await start({ controllers: [controller], memory });

          const first = await request('/answer');
          const second = await request('/answer');

          expect(first.headers['cache-control']).to.equal('no-store');
          expect(second.headers['x-cache']).to.equal('MISS');
          expect(calls.handler).to.equal(2);
        });

        it('does not store a response whose Vary names a header the route does not key on', async () => {
          let calls = 0;
          @Controller('/tenant')
          class TenantController {
            @Get()
            @Cached({ ttl: 60 })
            read(@Ctx() ctx: RequestContext) {
              calls++;
              ctx.setHeader('Vary', 'X-Tenant');
              return { tenant: ctx.headers['x-tenant'] };
            }
          }
          const { request } = await start({ controllers: [TenantController], memory });

          await request({ path: '/tenant', headers: { 'x-tenant': 'a' } });
          const b = await request({ path: '/tenant', headers: { 'x-tenant': 'b' } });

          expect(b.json).to.deep.equal({ tenant: 'b' });
          expect(b.headers['x-cache']).to.equal('MISS');
          expect(b.headers.vary).to.equal('X-Tenant');
          expect(calls).to.equal(2);
        });

        it('does not store a response with Vary: *', async () => {
          const { controller, calls } = answering((ctx) => ctx.setHeader('Vary', '*'));
          const { request } = await start({ controllers: [controller], memory });

          await request('/answer');
          const second = await request('/answer');

          expect(second.headers['x-cache']).to.equal('MISS');
          expect(calls.handler).to.equal(2);
        });

        it('stores a response whose Vary names only headers the route keys on', async () => {
          let calls = 0;
          @Controller('/tenant')
          class TenantController {
            @Get()
            @Cached({ ttl: 60, vary: ['x-tenant'] })
            read(@Ctx() ctx: RequestContext) {
              calls++;
              ctx.setHeader('Vary', 'X-Tenant, Accept-Encoding');
              return { tenant: ctx.headers['x-tenant'] };
            }
          }
          const { request } = await start({ controllers: [TenantController], memory });

          await request({ path: '/tenant', headers: { 'x-tenant': 'a' } });
          await request({ path: '/tenant', headers: { 'x-tenant': 'b' } });
          const a = await request({ path: '/tenant', headers: { 'x-tenant': 'a' } });

          expect(a.headers['x-cache']).to.equal('HIT');
          expect(a.json).to.deep.equal({ tenant: 'a' });
          expect(a.headers.vary).to.equal('x-tenant, authorization, cookie');
          expect(calls).to.equal(2);
        });

        it('replays the headers the handler set, content type included, on a hit', async () => {
          const { controller } = answering((ctx) => {
            ctx.setHeader('Content-Type', 'application/vnd.api+json');
            ctx.setHeader('X-Total-Count', 42);
            ctx.setHeader('Link', ['</answer?page=2>; rel="next"', '</answer?page=9>; rel="last"']);
          });
          const { request } = await start({ controllers: [controller], memory });

          await request('/answer');
          const hit = await request('/answer');

          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.headers['content-type']).to.equal('application/vnd.api+json');
          expect(hit.headers['x-total-count']).to.equal('42');
          expect(hit.headers.link).to.equal(
            '</answer?page=2>; rel="next", </answer?page=9>; rel="last"',
          );
        });
      });

      describe('bodies', () => {
        it('serves a hit byte for byte as the miss: Dates, unicode, emoji and big numbers', async () => {
          @Controller('/event')
          class EventController {
            @Get()
            @Cached({ ttl: 60 })
            read() {
              return {
                at: new Date(Date.UTC(2025, 5, 1, 12, 30, 45, 123)),
                title: 'Zürich – 東京 🚀👩‍👩‍👧',
                escapes: '"quoted"\\\n\u2028',
                big: 12345678901234567890n,
                float: 0.1 + 0.2,
              };
            }
          }
          const { request } = await start({ controllers: [EventController], memory });

          const miss = await request('/event');
          const hit = await request('/event');

          expect(miss.json.at).to.equal('2025-06-01T12:30:45.123Z');
          expect(miss.text).to.contain('"big":12345678901234567890');
          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.raw.equals(miss.raw), 'same bytes').to.equal(true);
          expect(hit.headers['content-length']).to.equal(miss.headers['content-length']);
          expect(hit.headers['content-length']).to.equal(String(miss.raw.length));
          expect(hit.headers.etag).to.equal(miss.headers.etag);
        });

        it('keeps what it stored when the handler’s object changes afterwards', async () => {
          Object.assign(shared, { name: 'original', items: [1, 2, 3] });
          @Controller('/shared')
          class SharedController {
            @Get()
            @Cached({ ttl: 60 })
            read() {
              return shared;
            }
          }
          const { request } = await start({ controllers: [SharedController], memory });

          const miss = await request('/shared');
          shared.name = 'changed';
          shared.items.push(4);
          const hit = await request('/shared');

          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(hit.json).to.deep.equal({ name: 'original', items: [1, 2, 3] });
          expect(hit.raw.equals(miss.raw)).to.equal(true);
        });
      });

      describe('204', () => {
        it('serves a stored 204 with no body and no Content-Length', async () => {
          let calls = 0;
          @Controller('/empty')
          class EmptyController {
            @Get()
            @Cached({ ttl: 60 })
            read() {
              calls++;
            }
          }
          const { request } = await start({ controllers: [EmptyController], memory });

          const miss = await request('/empty');
          const hit = await request('/empty');

          for (const [label, res] of [
            ['miss', miss],
            ['hit', hit],
          ] as const) {
            expect(res.status, label).to.equal(204);
            expect(res.raw.length, label).to.equal(0);
            expect(res.headers, label).not.to.have.property('content-length');
          }
          expect(hit.headers['x-cache']).to.equal('HIT');
          expect(calls).to.equal(1);
        });
      });

      describe('a failing store', () => {
        function counterController() {
          const calls = { handler: 0 };
          @Controller('/count')
          class CountController {
            @Get()
            @Cached({ ttl: 60 })
            read() {
              calls.handler++;
              return { run: calls.handler };
            }
          }
          return { controller: CountController, calls };
        }

        it('logs a failed write, skips it, and still answers the client', async () => {
          const { controller, calls } = counterController();
          let store!: FaultyStore;
          const cache = responseCache(
            (clock) => {
              store = new FaultyStore(clock);
              store.failWrites = true;
              return store;
            },
            { frontDoor },
          );
          const { logger, lines } = recordingLogger();
          const { request, cache: service } = await start({
            controllers: [controller],
            cache,
            logger,
          });

          const first = await request('/count');
          const second = await request('/count');

          expect(first.status).to.equal(200);
          expect(first.json).to.deep.equal({ run: 1 });
          expect(second.headers['x-cache']).to.equal('MISS');
          expect(second.json).to.deep.equal({ run: 2 });
          expect(calls.handler).to.equal(2);
          expect(store.stats().entries).to.equal(0);
          expect(service.stats().total.storeErrors).to.equal(2);
          const failures = lines.filter(
            (line) => line.level === 'warn' && /store write failed/.test(line.message),
          );
          expect(failures).to.have.length(2);
          expect((failures[0]!.fields.err as Error).message).to.equal('store full');
        });

        it('answers from the handler while the store cannot be read', async () => {
          const { controller } = counterController();
          let store!: FaultyStore;
          const cache = responseCache((clock) => (store = new FaultyStore(clock)), { frontDoor });
          const { request } = await start({ controllers: [controller], cache });

          await request('/count');
          store.failReads = true;
          const during = await request('/count');
          store.failReads = false;
          const after = await request('/count');

          expect(during.status).to.equal(200);
          expect(during.json).to.deep.equal({ run: 2 });
          expect(after.headers['x-cache']).to.equal('HIT');
        });
      });
    });
  }
});
