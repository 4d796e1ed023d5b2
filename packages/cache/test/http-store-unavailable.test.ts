import { expect } from 'chai';
import { Cached, Controller, Get, Param, type Clock } from '@fastjson-api/core';
import type { Logger } from 'pino';
import { MemoryStore, responseCache } from '../src/index.js';
import { PATHS, fullPathCounter, useCachedApps } from './support/http.js';

/** A memory store that can be switched out of service, as a Redis store is when Redis is down. */
class SwitchableStore extends MemoryStore {
  up = true;
  reads = 0;
  override get(key: string) {
    this.reads++;
    return super.get(key);
  }
  available(): boolean {
    return this.up;
  }
  health() {
    return this.up
      ? { status: 'ok' as const }
      : { status: 'degraded' as const, reason: 'switched off' };
  }
}

/** A store holder whose store is built with the app's clock, and switched through it. */
function switchable() {
  let store: SwitchableStore | undefined;
  let up = true;
  return {
    source: (clock: Clock) => (store = Object.assign(new SwitchableStore({ clock }), { up })),
    get up() {
      return up;
    },
    set up(value: boolean) {
      up = value;
      if (store) store.up = value;
    },
    get reads() {
      return store!.reads;
    },
    stats: () => store!.stats(),
  };
}

function controller() {
  const calls = { item: 0, mine: 0 };

  @Controller('/items')
  class ItemController {
    @Get('/:id')
    @Cached({ ttl: 60 })
    byId(@Param('id') id: string) {
      calls.item++;
      return { id, n: calls.item };
    }

    @Get('/mine/:id')
    @Cached({
      ttl: 60,
      scope: 'user',
      principal: (req) => req.headers['x-user'] as string | undefined,
    })
    mine(@Param('id') id: string) {
      calls.mine++;
      return { id, n: calls.mine };
    }
  }
  return { controller: ItemController, calls };
}

describe('CacheStore#available() (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();

      it('answers from the handler with X-Cache: BYPASS, without touching the store, while unavailable', async () => {
        const { controller: items, calls } = controller();
        const store = switchable();
        const { request } = await start({
          controllers: [items],
          cache: responseCache(store.source, { frontDoor }),
        });
        await request('/items/1');
        expect((await request('/items/1')).headers['x-cache'], 'cached while up').to.equal('HIT');

        store.up = false;
        const reads = store.reads;
        const down = await request('/items/1');
        expect(down.status).to.equal(200);
        expect(down.headers['x-cache']).to.equal('BYPASS');
        expect(down.json.n, 'from the handler').to.equal(2);
        expect(calls.item).to.equal(2);
        expect(store.reads, 'store reads while unavailable').to.equal(reads);

        store.up = true;
        expect((await request('/items/1')).headers['x-cache'], 'back in service').to.equal('HIT');
      });

      it('keeps the handler’s headers on a shared route: no private, no-store', async () => {
        const { controller: items } = controller();
        const store = switchable();
        store.up = false;
        const { request } = await start({
          controllers: [items],
          cache: responseCache(store.source, { frontDoor }),
        });

        const res = await request('/items/2');
        expect(res.headers['x-cache']).to.equal('BYPASS');
        expect(res.headers['cache-control']).to.equal(undefined);
      });

      it("marks a scope: 'user' reply private, no-store", async () => {
        const { controller: items } = controller();
        const store = switchable();
        store.up = false;
        const { request } = await start({
          controllers: [items],
          cache: responseCache(store.source, { frontDoor }),
        });

        const res = await request({ path: '/items/mine/1', headers: { 'x-user': 'ann' } });
        expect(res.headers['x-cache']).to.equal('BYPASS');
        expect(res.headers['cache-control']).to.equal('private, no-store');
      });

      it('stores nothing meanwhile', async () => {
        const { controller: items } = controller();
        const store = switchable();
        store.up = false;
        const { request } = await start({
          controllers: [items],
          cache: responseCache(store.source, { frontDoor }),
        });
        await request('/items/3');

        expect(store.stats().entries).to.equal(0);
      });
    });
  }

  describe('the front door', () => {
    const start = useCachedApps();

    it('declines while the store is unavailable, so requests take the full path', async () => {
      const { controller: items } = controller();
      const store = switchable();
      const counter = fullPathCounter();
      const { request } = await start({
        controllers: [items],
        cache: responseCache(store.source),
        before: [counter],
      });
      await request('/items/1');
      await request('/items/1');
      const before = counter.count;

      store.up = false;
      await request('/items/1');
      expect(counter.count - before).to.equal(1);
    });
  });
});

describe('CacheService#health()', () => {
  const start = useCachedApps();

  it("reports the store's health with its name", async () => {
    const { controller: items } = controller();
    const store = switchable();
    const { cache } = await start({ controllers: [items], cache: responseCache(store.source) });

    expect(cache.health()).to.deep.equal({ status: 'ok', store: 'memory' });
    store.up = false;
    expect(cache.health()).to.deep.equal({
      status: 'degraded',
      reason: 'switched off',
      store: 'memory',
    });
  });

  it("is 'ok' for a store that reports no health", async () => {
    const { controller: items } = controller();
    const { cache } = await start({ controllers: [items] });

    expect(cache.health()).to.deep.equal({ status: 'ok', store: 'memory' });
  });
});

describe('responseCache(store factory)', () => {
  const start = useCachedApps();

  it("builds the store with the app's clock and logger", async () => {
    const { controller: items } = controller();
    let given: { clock?: Clock; logger?: Logger } = {};
    const factory = (clock: Clock, logger: Logger) => {
      given = { clock, logger };
      return new MemoryStore({ clock });
    };
    const { clock } = await start({ controllers: [items], cache: responseCache(factory) });

    expect(given.clock, 'clock').to.equal(clock);
    expect(given.logger?.warn, 'logger').to.be.a('function');
  });
});
