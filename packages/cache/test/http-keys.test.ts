import { expect } from 'chai';
import { Cached, Controller, Ctx, Get, Param, RequestContext } from '@fastjson-api/core';
import { PATHS, useCachedApps } from './support/http.js';

/** A controller whose answers echo what the handler saw, and a count of its calls. */
function itemsController() {
  const calls = { handler: 0, key: 0 };

  @Controller('/items')
  class ItemController {
    @Get()
    @Cached({ ttl: 60 })
    list(@Ctx() ctx: RequestContext) {
      calls.handler++;
      return { query: ctx.query, run: calls.handler };
    }

    @Get('/:id')
    @Cached({ ttl: 60 })
    byId(@Param('id') id: string) {
      calls.handler++;
      return { id, run: calls.handler };
    }
  }
  return { controller: ItemController, calls };
}

describe('@Cached keys (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      describe('method', () => {
        it('answers a HEAD after a GET from the entry: a HIT with no body', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          const get = await request('/items/1');
          const head = await request({ method: 'HEAD', path: '/items/1' });

          expect(get.headers['x-cache']).to.equal('MISS');
          expect(head.status).to.equal(200);
          expect(head.headers['x-cache']).to.equal('HIT');
          expect(head.raw.length, 'HEAD body bytes').to.equal(0);
          expect(head.headers['content-length']).to.equal(String(get.raw.length));
          expect(head.headers.etag).to.equal(get.headers.etag);
          expect(calls.handler).to.equal(1);
        });

        it('answers a GET after a HEAD from the entry the HEAD stored, body included', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          const head = await request({ method: 'HEAD', path: '/items/1' });
          const get = await request('/items/1');

          expect(head.headers['x-cache']).to.equal('MISS');
          expect(head.raw.length).to.equal(0);
          expect(get.headers['x-cache']).to.equal('HIT');
          expect(get.json).to.deep.equal({ id: '1', run: 1 });
          expect(calls.handler).to.equal(1);
        });
      });

      describe('path', () => {
        it('keeps one entry per path parameter value', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          expect((await request('/items/1')).json).to.deep.equal({ id: '1', run: 1 });
          expect((await request('/items/2')).json).to.deep.equal({ id: '2', run: 2 });
          const one = await request('/items/1');
          const two = await request('/items/2');

          expect(one.headers['x-cache']).to.equal('HIT');
          expect(one.json).to.deep.equal({ id: '1', run: 1 });
          expect(two.headers['x-cache']).to.equal('HIT');
          expect(two.json).to.deep.equal({ id: '2', run: 2 });
          expect(calls.handler).to.equal(2);
        });

        it('never shares an entry between an encoded path and a raw path that one route matches', async () => {
          let calls = 0;
          @Controller('/files')
          class FileController {
            @Get('/*path')
            @Cached({ ttl: 60 })
            read(@Ctx() ctx: RequestContext) {
              calls++;
              return { rawPath: ctx.path };
            }
          }
          const { request } = await start({ controllers: [FileController], memory });

          const encoded = await request('/files/a%2Fb');
          const raw = await request('/files/a/b');
          const encodedAgain = await request('/files/a%2Fb');
          const rawAgain = await request('/files/a/b');

          expect(encoded.json).to.deep.equal({ rawPath: '/files/a%2Fb' });
          expect(raw.headers['x-cache'], 'raw path after the encoded one').to.equal('MISS');
          expect(raw.json).to.deep.equal({ rawPath: '/files/a/b' });
          expect(encodedAgain.headers['x-cache']).to.equal('HIT');
          expect(encodedAgain.json).to.deep.equal({ rawPath: '/files/a%2Fb' });
          expect(rawAgain.headers['x-cache']).to.equal('HIT');
          expect(rawAgain.json).to.deep.equal({ rawPath: '/files/a/b' });
          expect(calls).to.equal(2);
        });

        it('keys an absolute-form target by its path: the host it names makes no other entry', async () => {
          let calls = 0;
          @Controller('/things')
          class ThingController {
            @Get('/:id')
            @Cached({ ttl: 60 })
            one(@Ctx() ctx: RequestContext) {
              calls++;
              return { path: ctx.path };
            }
          }
          const { request } = await start({ controllers: [ThingController], memory });

          const first = await request('/things/1');
          const absolute = await request({ path: 'http://evil.example/things/1' });
          const otherHost = await request({ path: 'http://other.example:8080/things/1?' });

          expect(first.json).to.deep.equal({ path: '/things/1' });
          expect(absolute.headers['x-cache'], 'absolute form').to.equal('HIT');
          expect(otherHost.headers['x-cache'], 'another host, empty query').to.equal('HIT');
          expect(calls).to.equal(1);
        });

        it('never shares an entry between /files/a%2Fb on /files/:name and /files/a/b on /files/:a/:b', async () => {
          let calls = 0;
          @Controller('/files')
          class FileController {
            @Get('/:name')
            @Cached({ ttl: 60 })
            one(@Param('name') name: string) {
              calls++;
              return { route: 'one', name };
            }

            @Get('/:a/:b')
            @Cached({ ttl: 60 })
            two(@Param('a') a: string, @Param('b') b: string) {
              calls++;
              return { route: 'two', a, b };
            }
          }
          const { request } = await start({ controllers: [FileController], memory });

          expect((await request('/files/a%2Fb')).json).to.deep.equal({ route: 'one', name: 'a/b' });
          const raw = await request('/files/a/b');
          const encodedAgain = await request('/files/a%2Fb');

          expect(raw.headers['x-cache']).to.equal('MISS');
          expect(raw.json).to.deep.equal({ route: 'two', a: 'a', b: 'b' });
          expect(encodedAgain.headers['x-cache']).to.equal('HIT');
          expect(encodedAgain.json).to.deep.equal({ route: 'one', name: 'a/b' });
          expect(calls).to.equal(2);
        });
      });

      describe('query', () => {
        it('keeps ?filter[status]=open and ?filter[status]=closed apart', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/items?filter[status]=open');
          const closed = await request('/items?filter[status]=closed');
          const open = await request('/items?filter[status]=open');

          expect(closed.headers['x-cache']).to.equal('MISS');
          expect(closed.json.query).to.deep.equal({ 'filter[status]': 'closed' });
          expect(open.headers['x-cache']).to.equal('HIT');
          expect(open.json.query).to.deep.equal({ 'filter[status]': 'open' });
          expect(calls.handler).to.equal(2);
        });

        it('keeps ?tag=a&tag=b apart from ?tag=a', async () => {
          const { controller } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/items?tag=a&tag=b');
          const one = await request('/items?tag=a');
          const both = await request('/items?tag=a&tag=b');

          expect(one.headers['x-cache']).to.equal('MISS');
          expect(one.json.query).to.deep.equal({ tag: 'a' });
          expect(both.headers['x-cache']).to.equal('HIT');
          expect(both.json.query).to.deep.equal({ tag: ['a', 'b'] });
        });

        it('shares one entry between ?page=2&tag=a and ?tag=a&page=2', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          const first = await request('/items?page=2&tag=a');
          const swapped = await request('/items?tag=a&page=2');

          expect(swapped.headers['x-cache']).to.equal('HIT');
          expect(swapped.raw.equals(first.raw), 'same bytes').to.equal(true);
          expect(calls.handler).to.equal(1);
        });

        it('keeps ?tag=b&tag=a apart from ?tag=a&tag=b: repeated values keep their order', async () => {
          const { controller } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/items?tag=a&tag=b');
          const reversed = await request('/items?tag=b&tag=a');

          expect(reversed.headers['x-cache']).to.equal('MISS');
          expect(reversed.json.query).to.deep.equal({ tag: ['b', 'a'] });
        });

        it('keeps ?q=a%26b=c (one field) apart from ?q=a&b=c (two fields)', async () => {
          const { controller } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          const escaped = await request('/items?q=a%26b=c');
          const split = await request('/items?q=a&b=c');
          const escapedAgain = await request('/items?q=a%26b=c');

          expect(escaped.json.query).to.deep.equal({ q: 'a&b=c' });
          expect(split.headers['x-cache']).to.equal('MISS');
          expect(split.json.query).to.deep.equal({ q: 'a', b: 'c' });
          expect(escapedAgain.headers['x-cache']).to.equal('HIT');
          expect(escapedAgain.json.query).to.deep.equal({ q: 'a&b=c' });
        });

        it('keeps nested names as they are: a[b]=c and a[b]=d are two entries, a[b]=c and a%5Bb%5D=c one', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/items?a[b]=c');
          const other = await request('/items?a[b]=d');
          const escaped = await request('/items?a%5Bb%5D=c');

          expect(other.headers['x-cache']).to.equal('MISS');
          expect(other.json.query).to.deep.equal({ 'a[b]': 'd' });
          expect(escaped.headers['x-cache']).to.equal('HIT');
          expect(escaped.json.query).to.deep.equal({ 'a[b]': 'c' });
          expect(calls.handler).to.equal(2);
        });

        it('shares one entry between spellings that give the handler the same query (%41 and A)', async () => {
          const { controller, calls } = itemsController();
          const { request } = await start({ controllers: [controller], memory });

          await request('/items?q=%41');
          const plain = await request('/items?q=A');

          expect(plain.headers['x-cache']).to.equal('HIT');
          expect(plain.json.query).to.deep.equal({ q: 'A' });
          expect(calls.handler).to.equal(1);
        });
      });

      describe('vary', () => {
        function greetingController() {
          const calls = { handler: 0, key: 0 };
          @Controller('/greeting')
          class GreetingController {
            @Get()
            @Cached({
              ttl: 60,
              vary: ['Accept-Language'],
              key: (_req, base) => {
                calls.key++;
                return base;
              },
            })
            greet(@Ctx() ctx: RequestContext) {
              calls.handler++;
              return { text: ctx.headers['accept-language'] === 'fr' ? 'bonjour' : 'hello' };
            }
          }
          return { controller: GreetingController, calls };
        }

        it('keeps one entry per value of a vary header: en MISS, fr MISS, en HIT', async () => {
          const { controller, calls } = greetingController();
          const { request } = await start({ controllers: [controller], memory });
          const en = { path: '/greeting', headers: { 'accept-language': 'en' } };
          const fr = { path: '/greeting', headers: { 'accept-language': 'fr' } };

          const enFirst = await request(en);
          const frFirst = await request(fr);
          const enAgain = await request(en);
          const frAgain = await request(fr);

          expect(enFirst.headers['x-cache']).to.equal('MISS');
          expect(frFirst.headers['x-cache']).to.equal('MISS');
          expect(frFirst.json).to.deep.equal({ text: 'bonjour' });
          expect(enAgain.headers['x-cache']).to.equal('HIT');
          expect(enAgain.json).to.deep.equal({ text: 'hello' });
          expect(frAgain.headers['x-cache']).to.equal('HIT');
          expect(frAgain.json).to.deep.equal({ text: 'bonjour' });
          expect(calls.handler).to.equal(2);
        });

        it('keeps a request without the vary header apart from one with it', async () => {
          const { controller } = greetingController();
          const { request } = await start({ controllers: [controller], memory });

          await request({ path: '/greeting', headers: { 'accept-language': 'fr' } });
          const none = await request('/greeting');

          expect(none.headers['x-cache']).to.equal('MISS');
          expect(none.json).to.deep.equal({ text: 'hello' });
        });

        it('names the vary headers in the Vary response header', async () => {
          const { controller } = greetingController();
          const { request } = await start({ controllers: [controller], memory });

          const miss = await request({ path: '/greeting', headers: { 'accept-language': 'en' } });
          const hit = await request({ path: '/greeting', headers: { 'accept-language': 'en' } });

          expect(miss.headers.vary).to.equal('accept-language, authorization, cookie');
          expect(hit.headers.vary).to.equal('accept-language, authorization, cookie');
        });

        it('calls the key function once per request, hits included', async () => {
          const { controller, calls } = greetingController();
          const { request } = await start({ controllers: [controller], memory });
          const languages = ['en', 'fr', 'en', 'fr', 'en', 'de'];

          for (const language of languages) {
            await request({ path: '/greeting', headers: { 'accept-language': language } });
          }

          expect(calls.key).to.equal(languages.length);
          expect(calls.handler).to.equal(3);
        });
      });

      describe('key function', () => {
        it('uses the key it returns: requests it maps together share one entry', async () => {
          let calls = 0;
          @Controller('/reports')
          class ReportController {
            @Get('/:id')
            @Cached({ ttl: 60, key: (req) => `report:${req.params.id}` })
            read(@Param('id') id: string) {
              calls++;
              return { id, run: calls };
            }
          }
          const { request } = await start({ controllers: [ReportController], memory });

          await request('/reports/7?utm_source=a');
          const other = await request('/reports/7?utm_source=b');
          const different = await request('/reports/8?utm_source=a');

          expect(other.headers['x-cache']).to.equal('HIT');
          expect(other.json).to.deep.equal({ id: '7', run: 1 });
          expect(different.headers['x-cache']).to.equal('MISS');
          expect(different.json).to.deep.equal({ id: '8', run: 2 });
        });
      });
    });
  }
});
