import { expect } from 'chai';
import { Cached, Controller, Get, Param, Post } from '@fastjson-api/core';
import { CacheService } from '../src/index.js';
import { PATHS, settle, signal, until, useCachedApps } from './support/http.js';

const A = 'GET /stats/a (StatsController.a)';
const B = 'GET /stats/b/:id (StatsController.b)';

/** Two cached routes: `a` with swr, `b` that can be held to make waiters. */
function statsController() {
  const control = { hold: Promise.resolve() };

  @Controller('/stats')
  class StatsController {
    @Get('/a')
    @Cached({ ttl: 60, swr: 60 })
    a() {
      return { route: 'a' };
    }

    @Get('/b/:id')
    @Cached({ ttl: 60 })
    async b(@Param('id') id: string) {
      await control.hold;
      return { route: 'b', id, padding: 'p'.repeat(900) };
    }
  }
  return { controller: StatsController, control };
}

describe('CacheService (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      describe('#stats()', () => {
        it('counts hits, misses, stale, bypass and coalesced per route and in total', async () => {
          const { controller, control } = statsController();
          const { request, cache, clock } = await start({ controllers: [controller], memory });

          await request('/stats/a'); // miss
          await request('/stats/a'); // hit
          await request('/stats/a'); // hit
          await request({ path: '/stats/a', headers: { authorization: 'Bearer x' } }); // bypass
          clock.advance(61_000);
          await request('/stats/a'); // stale
          await settle();
          const gate = signal();
          control.hold = gate.promise;
          const waiting = [request('/stats/b/1'), request('/stats/b/1'), request('/stats/b/1')];
          await until(() => cache.stats().total.coalesced === 2);
          gate.resolve();
          await Promise.all(waiting); // one miss, two coalesced
          await request('/stats/b/1'); // hit

          const stats = cache.stats();
          expect(stats.routes[A]).to.deep.equal({
            hits: 2,
            misses: 1,
            stale: 1,
            bypass: 1,
            coalesced: 0,
            storeErrors: 0,
          });
          expect(stats.routes[B]).to.deep.equal({
            hits: 1,
            misses: 1,
            stale: 0,
            bypass: 0,
            coalesced: 2,
            storeErrors: 0,
          });
          expect(stats.total).to.deep.equal({
            hits: 3,
            misses: 2,
            stale: 1,
            bypass: 1,
            coalesced: 2,
            storeErrors: 0,
          });
        });

        it('reports what the store holds: entries and bytes', async () => {
          const { controller } = statsController();
          const { request, cache } = await start({ controllers: [controller], memory });

          const empty = cache.stats().store;
          const body = await request('/stats/b/1');
          await request('/stats/b/2');
          const held = cache.stats().store;

          expect(empty).to.include({ name: 'memory', entries: 0, bytes: 0, evictions: 0 });
          expect(held.entries).to.equal(2);
          expect(held.bytes).to.be.at.least(2 * body.raw.length);
        });

        it('counts evictions when the byte budget is full', async () => {
          const { controller } = statsController();
          const { request, cache } = await start({
            controllers: [controller],
            memory: { frontDoor, maxBytes: 4096 },
          });

          for (let id = 1; id <= 10; id++) await request(`/stats/b/${id}`);
          const store = cache.stats().store;
          const oldest = await request('/stats/b/1');
          const newest = await request('/stats/b/10');

          expect(store.evictions).to.be.greaterThan(0);
          expect(store.entries).to.equal(10 - store.evictions);
          expect(store.bytes).to.be.at.most(4096);
          expect(oldest.headers['x-cache'], 'the oldest entry').to.equal('MISS');
          expect(newest.headers['x-cache'], 'the newest entry').to.equal('HIT');
        });
      });

      describe('values', () => {
        it('stores, reads and deletes a value, which expires with its ttl', async () => {
          const { controller } = statsController();
          const { cache, clock } = await start({ controllers: [controller], memory });

          await cache.set('config', { flags: ['a', 'b'], at: new Date(0) }, { ttl: '1m' });
          const read = await cache.get('config');
          clock.advance(60_000);
          const expired = await cache.get('config');
          await cache.set('other', 1, { ttl: 60 });
          const deleted = await cache.delete('other');

          expect(read).to.deep.equal({ flags: ['a', 'b'], at: '1970-01-01T00:00:00.000Z' });
          expect(expired).to.equal(undefined);
          expect(deleted).to.equal(true);
          expect(await cache.get('other')).to.equal(undefined);
        });

        it('rejects a ttl that is not a positive duration with a TypeError', async () => {
          const { controller } = statsController();
          const { cache } = await start({ controllers: [controller], memory });

          for (const ttl of [0, 'soon', -1]) {
            let error: unknown;
            try {
              await cache.set('k', 1, { ttl });
            } catch (caught) {
              error = caught;
            }
            expect(error, JSON.stringify(ttl)).to.be.instanceOf(TypeError);
            expect((error as Error).message, JSON.stringify(ttl)).to.match(
              /ttl must be a positive duration/,
            );
          }
        });

        it('keeps values apart from responses: a value named like a route key is not served', async () => {
          const { controller } = statsController();
          const { request, cache } = await start({ controllers: [controller], memory });

          await cache.set(`${A}\0/stats/a?`, { route: 'forged' }, { ttl: 60 });
          const res = await request('/stats/a');

          expect(res.headers['x-cache']).to.equal('MISS');
          expect(res.json).to.deep.equal({ route: 'a' });
        });
      });

      describe('#invalidate()', () => {
        it('removes responses and values that carry a tag, says how many, and the next read is fresh', async () => {
          let version = 1;
          @Controller('/prices')
          class PriceController {
            constructor(private readonly cache: CacheService) {}

            @Get()
            @Cached({ ttl: 60, tags: ['prices'] })
            list() {
              return { version };
            }

            // A write the cache does not see through @Invalidates: the handler invalidates itself.
            @Post('/import')
            async import() {
              version++;
              return { removed: await this.cache.invalidate(['prices']) };
            }
          }
          const { request, cache } = await start({ controllers: [PriceController], memory });

          await request('/prices');
          await cache.set('price-table', [1, 2], { ttl: 60, tags: ['prices'] });
          const imported = await request({ method: 'POST', path: '/prices/import', json: {} });
          const after = await request('/prices');

          expect(imported.json).to.deep.equal({ removed: 2 });
          expect(after.headers['x-cache']).to.equal('MISS');
          expect(after.json).to.deep.equal({ version: 2 });
          expect(await cache.get('price-table')).to.equal(undefined);
        });
      });
    });
  }
});
