import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import {
  Cached,
  Controller,
  createApp,
  Ctx,
  Get,
  Invalidates,
  Patch,
  Query,
  RequestContext,
} from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';
import { PATHS, useCachedApps } from './support/http.js';

describe('@Cached against hostile requests (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      it('never stores an answer under a key naming query fields the handler did not see (1,000 empty pairs)', async () => {
        @Controller('/countries')
        class CountryController {
          @Get()
          @Cached({ ttl: 60 })
          list(@Query('region') region?: string) {
            return { region: region ?? 'all' };
          }
        }
        const { request } = await start({ controllers: [CountryController], memory });

        const padded = await request(`/countries?${'&'.repeat(1000)}region=Oceania`);
        const victim = await request('/countries?region=Oceania');

        expect(padded.json).to.deep.equal({ region: 'Oceania' });
        expect(victim.json).to.deep.equal({ region: 'Oceania' });
      });

      it('keeps two routes apart even when their key functions return the same string', async () => {
        @Controller()
        class TwoRoutes {
          @Get('/a')
          @Cached({ ttl: 60, key: () => 'same' })
          a() {
            return { route: 'a' };
          }

          @Get('/b')
          @Cached({ ttl: 60, key: () => 'same' })
          b() {
            return { route: 'b' };
          }
        }
        const { request } = await start({ controllers: [TwoRoutes], memory });

        expect((await request('/a')).json).to.deep.equal({ route: 'a' });
        const b = await request('/b');
        expect(b.json).to.deep.equal({ route: 'b' });
        expect(b.headers['x-cache']).to.equal('MISS');
      });

      it("follows the client's q-values between gzip and br", async () => {
        @Controller('/big')
        class BigController {
          @Get()
          @Cached({ ttl: 60 })
          big() {
            return { text: 'x'.repeat(5000) };
          }
        }
        const { request } = await start({ controllers: [BigController], memory });
        const identity = await request('/big');

        const res = await request({
          path: '/big',
          headers: { 'accept-encoding': 'gzip;q=1, br;q=0.1' },
        });
        expect(res.headers['content-encoding']).to.equal('gzip');
        expect(gunzipSync(res.raw).equals(identity.raw)).to.equal(true);
      });
    });
  }

  it('refuses to start when @Invalidates is used without a cache plugin', async () => {
    @Controller('/w')
    class WriteController {
      @Patch('/')
      @Invalidates(['t'])
      write(@Ctx() _ctx: RequestContext) {
        return {};
      }
    }
    const app = createApp({
      controllers: [WriteController],
      plugins: [koaTransport()],
      logger: false,
    });
    let error: (Error & { code?: string }) | undefined;
    try {
      await app.ready();
    } catch (caught) {
      error = caught as Error & { code?: string };
    }
    expect(error?.code).to.equal('FJA_ERR_CORE_NO_CACHE_PLUGIN');
    expect(error?.message).to.match(/@Invalidates/);
  });
});
