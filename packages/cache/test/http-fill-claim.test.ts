import { expect } from 'chai';
import { Cached, Controller, Get, Param, type Clock } from '@fastjson-api/core';
import { MemoryStore, responseCache, type CacheStore } from '../src/index.js';
import { useCachedApps } from './support/http.js';

const HANDLER_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A memory store shared by two apps, standing for a store shared by two
 * instances, with fill claims kept in a set (as a Redis lock would be).
 */
class ClaimingStore extends MemoryStore implements CacheStore {
  readonly claims = new Set<string>();
  readonly calls: string[] = [];
  fillWaitMs = 1000;
  claim: (key: string) => boolean = (key) => {
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  };

  claimFill(key: string): boolean {
    this.calls.push('claim');
    return this.claim(key);
  }

  releaseFill(key: string): void {
    this.calls.push('release');
    this.claims.delete(key);
  }
}

function controller() {
  const origin = { calls: 0, failures: 0 };

  @Controller('/items')
  class ItemController {
    @Get('/:id')
    @Cached({ ttl: 60 })
    async byId(@Param('id') id: string) {
      origin.calls++;
      await sleep(HANDLER_MS);
      if (origin.failures > 0) {
        origin.failures--;
        throw new Error('origin failed');
      }
      return { id, n: origin.calls };
    }
  }
  return { controller: ItemController, origin };
}

describe('CacheStore#claimFill() and #releaseFill() (HTTP)', () => {
  const start = useCachedApps();

  /**
   * Two apps on one store, each with its own single flight. The store takes
   * the first app's clock; both clocks start at the same time and stand still.
   */
  async function twoApps(configure: (store: ClaimingStore) => void = () => undefined) {
    const { controller: items, origin } = controller();
    let shared: ClaimingStore | undefined;
    const source = (clock: Clock) => {
      if (shared === undefined) configure((shared = new ClaimingStore({ clock })));
      return shared;
    };
    const a = await start({ controllers: [items], cache: responseCache(source) });
    const b = await start({ controllers: [items], cache: responseCache(source) });
    return { a, b, origin, store: shared! };
  }

  it('runs the handler once for misses on both apps; the one that waited answers from the entry (HIT)', async () => {
    const { a, b, origin, store } = await twoApps();

    const first = a.request('/items/1');
    await sleep(20);
    const [onA, onB] = await Promise.all([first, b.request('/items/1')]);

    expect(origin.calls).to.equal(1);
    expect(onB.json).to.deep.equal(onA.json);
    expect([onA.headers['x-cache'], onB.headers['x-cache']]).to.deep.equal(['MISS', 'HIT']);
    expect(b.cache.stats().total).to.include({ misses: 0, coalesced: 1 });
    expect(store.claims.size, 'claims left').to.equal(0);
  });

  it('hands over when the fill ends without an entry: the other app runs the handler at once', async () => {
    // A wait longer than the test's own timeout: B answers in time only if
    // the failed fill is handed over rather than waited out.
    const { a, b, origin, store } = await twoApps((store) => (store.fillWaitMs = 60_000));
    origin.failures = 1;

    const first = a.request('/items/2');
    await sleep(20);
    const [onA, onB] = await Promise.all([first, b.request('/items/2')]);

    expect([onA.status, onB.status]).to.deep.equal([500, 200]);
    expect(origin.calls).to.equal(2);
    expect(store.claims.size, 'claims left').to.equal(0);
  });

  it('waits at most fillWaitMs on a claim never released, then runs the handler', async () => {
    const { a, origin, store } = await twoApps((store) => {
      store.fillWaitMs = 1000;
      store.claim = () => false;
    });

    const answering = a.request('/items/3');
    await sleep(50);
    expect(origin.calls, 'handler calls while it waits on the claim').to.equal(0);
    const answer = await answering;
    expect(answer.status).to.equal(200);
    expect(origin.calls).to.equal(1);
    expect(store.calls, 'never released what it did not claim').to.not.include('release');
  });

  it('runs the handler when claimFill throws, and releases after', async () => {
    const { a, origin, store } = await twoApps((store) => {
      store.claim = () => {
        throw new Error('store down');
      };
    });

    const answer = await a.request('/items/4');
    expect(answer.status).to.equal(200);
    expect(answer.headers['x-cache']).to.equal('MISS');
    expect(origin.calls).to.equal(1);
    expect(store.calls).to.deep.equal(['claim', 'release']);
  });
});
