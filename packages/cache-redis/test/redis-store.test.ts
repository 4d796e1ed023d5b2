import { expect } from 'chai';
import { Redis } from 'ioredis';
import { ManualClock, systemClock } from '@fastjson-api/core';
import { makeEntry } from '@fastjson-api/cache/testing';
import {
  RedisCacheErrorCodes,
  RedisStore,
  redisCache,
  type RedisCacheError,
} from '../src/index.js';
import { cityController, memoryCities, startApp, type RunningApp } from './support/http.js';
import { deletePrefix, REDIS_URL, requireRedis, sleep, uniquePrefix } from './support/redis.js';

const START = Date.UTC(2025, 0, 1);

describe('RedisStore on Redis', function () {
  this.timeout(10_000);
  before(requireRedis);

  const prefix = uniquePrefix('store');
  let redis: Redis;
  const stores: RedisStore[] = [];
  const apps: RunningApp[] = [];
  before(() => {
    redis = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((running) => running.app.close()));
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  after(async () => {
    redis?.disconnect();
    await deletePrefix(REDIS_URL, prefix);
  });

  async function storeWith(
    options: ConstructorParameters<typeof RedisStore>[0] = {},
  ): Promise<RedisStore> {
    const store = new RedisStore({ url: REDIS_URL, keyPrefix: prefix, ...options });
    stores.push(store);
    expect(await store.ready(), 'store ready').to.equal(true);
    return store;
  }

  /** Keys of one kind (`e` entries, `t` tags) under a prefix; tests may scan. */
  async function keysOf(kind: 'e' | 't', keyPrefix = prefix): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `{${keyPrefix}}:${kind}:*`,
        'COUNT',
        1000,
      );
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  /** Until the background write of set() has landed. */
  async function written(store: RedisStore, key: string): Promise<void> {
    const deadline = Date.now() + 2000;
    while ((await redis.exists(`{${prefix}}:e:${key}`)) === 0) {
      if (Date.now() > deadline) throw new Error(`entry ${key} never written`);
      await sleep(2);
    }
    void store;
  }

  describe('expiry in Redis', () => {
    it("sets a route's entry to expire after its ttl plus swr (PTTL), and its tag records with it", async () => {
      const keyPrefix = `${prefix}-pttl`;
      const running = await startApp({
        controllers: [cityController(memoryCities())],
        cache: redisCache({ url: REDIS_URL, keyPrefix }),
        clock: new ManualClock(START),
      });
      apps.push(running);
      await until(() => running.cache.health().status === 'ok');

      expect((await running.request('/cities/1')).headers['x-cache']).to.equal('MISS');
      await until(async () => (await keysOf('e', keyPrefix)).length === 1);
      const [entryKey] = await keysOf('e', keyPrefix);
      const tagKeys = await keysOf('t', keyPrefix);

      const pttl = await redis.pttl(entryKey!);
      expect(pttl, 'entry PTTL (ttl 60 s + swr 30 s)').to.be.within(89_000, 90_000);
      expect(tagKeys.sort()).to.deep.equal([`{${keyPrefix}}:t:cities`, `{${keyPrefix}}:t:city:1`]);
      for (const tagKey of tagKeys)
        expect(await redis.pttl(tagKey), tagKey).to.be.within(89_000, 90_000);
      await deletePrefix(REDIS_URL, keyPrefix);
    });

    it('lets Redis remove an entry and its tag record at staleUntil, on its own clock', async () => {
      const store = await storeWith({ clock: systemClock });
      const now = Date.now();
      store.set(
        'short',
        makeEntry(new ManualClock(now), {
          tags: ['brief'],
          expiresAt: now + 200,
          staleUntil: now + 300,
        }),
      );
      await written(store, 'short');

      await sleep(450);
      expect(await redis.exists(`{${prefix}}:e:short`), 'entry').to.equal(0);
      expect(await redis.exists(`{${prefix}}:t:brief`), 'tag record').to.equal(0);
    });

    it('keeps a tag record as long as the longest-lived entry that carries it', async () => {
      const clock = new ManualClock(START);
      const store = await storeWith({ clock });
      const at = (ms: number) => ({ expiresAt: START + ms, staleUntil: START + ms });
      store.set('long', makeEntry(clock, { tags: ['shared'], ...at(60_000) }));
      store.set('short', makeEntry(clock, { tags: ['shared'], ...at(5_000) }));
      await written(store, 'short');

      expect(await redis.pttl(`{${prefix}}:t:shared`)).to.be.within(59_000, 60_000);
      await store.invalidateTags(['shared']);
    });
  });

  describe('stored values that do not decode', () => {
    const cases: Array<[string, (key: string) => Promise<unknown>]> = [
      ['a value of another type', (key) => redis.set(key, 'not a hash')],
      [
        'a corrupt entry',
        (key) => redis.hset(key, 'd', Buffer.from([0xfa, 1, 0, 0, 0, 200, 1, 2]), 'n', 'x'),
      ],
      [
        'an entry of an older format version',
        (key) => redis.hset(key, 'd', Buffer.from([0xfa, 0, 0, 0, 0, 2, 0x5b, 0x5d])),
      ],
    ];

    for (const [name, write] of cases) {
      it(`reads ${name} as a miss, deletes it, and reports it`, async () => {
        const errors: RedisCacheError[] = [];
        const clock = new ManualClock(START);
        const store = await storeWith({ clock, onError: (error) => errors.push(error) });
        store.set('k', makeEntry(clock));
        await written(store, 'k');
        // Keep the generation, so the value fails for what it is, not for its age.
        const generation = await redis.hget(`{${prefix}}:e:k`, 'n');
        await redis.del(`{${prefix}}:e:k`);
        await write(`{${prefix}}:e:k`);
        if (name !== 'a value of another type')
          await redis.hset(`{${prefix}}:e:k`, 'n', generation!);

        expect(await store.get('k'), 'get').to.equal(undefined);
        await until(async () => (await redis.exists(`{${prefix}}:e:k`)) === 0);
        if (name !== 'a value of another type') {
          expect(errors.map((e) => e.code)).to.include(RedisCacheErrorCodes.UNDECODABLE);
        }
      });
    }

    it('answers 200 from the handler when the entry in Redis is corrupt, then caches again', async () => {
      const keyPrefix = `${prefix}-corrupt`;
      const running = await startApp({
        controllers: [cityController(memoryCities())],
        cache: redisCache({ url: REDIS_URL, keyPrefix }),
      });
      apps.push(running);
      await until(() => running.cache.health().status === 'ok');
      await running.request('/cities/2');
      await until(async () => (await keysOf('e', keyPrefix)).length === 1);
      const [entryKey] = await keysOf('e', keyPrefix);
      await redis.hset(entryKey!, 'd', 'garbage');

      for (const path of ['/cities/2', '/cities/2']) {
        const res = await running.request(path);
        expect(res.status, path).to.equal(200);
        expect(res.json.id).to.equal('2');
      }
      await until(
        async () => ((await running.request('/cities/2')).headers['x-cache'] as string) === 'HIT',
      );
      await deletePrefix(REDIS_URL, keyPrefix);
    });
  });

  describe('#clear()', () => {
    it('outdates the entries of every store on the prefix, first levels included', async () => {
      const clock = new ManualClock(START);
      const one = await storeWith({ clock, l1: true });
      const two = await storeWith({ clock, l1: true });
      one.set('k', makeEntry(clock));
      await written(one, 'k');
      expect(await two.get('k'), 'read through two').to.not.equal(undefined);
      expect(two.get('k'), 'now in its first level').to.not.be.instanceOf(Promise);

      await one.clear();
      await until(() => two.get('k') instanceof Promise);
      expect(await two.get('k')).to.equal(undefined);
    });
  });

  describe('first level (l1)', () => {
    it('answers a hit synchronously, with the entry as stored', async () => {
      const clock = new ManualClock(START);
      const store = await storeWith({ clock, l1: true });
      const entry = makeEntry(clock, { tags: ['a'] });
      store.set('k', entry);
      await written(store, 'k');
      await until(() => !(store.get('k') instanceof Promise));

      const held = store.get('k');
      expect(held).to.not.be.instanceOf(Promise);
      expect(
        (held as typeof entry).staleUntil,
        'its own staleUntil, not the first level cap',
      ).to.equal(entry.staleUntil);
    });

    it('says its stats count the first level, and counts the entry it holds', async () => {
      const clock = new ManualClock(START);
      const near = await storeWith({ clock, l1: true });
      const far = await storeWith({ clock });
      near.set('k', makeEntry(clock));
      await written(near, 'k');
      await until(() => !(near.get('k') instanceof Promise));

      expect(near.stats()).to.include({ counts: 'first level', entries: 1 });
      expect(far.stats(), 'without a first level nothing is counted in process').to.include({
        counts: 'none',
        entries: 0,
      });
    });

    it('keeps an entry no longer than l1.ttl, then reads Redis again', async () => {
      const clock = new ManualClock(START);
      const store = await storeWith({ clock, l1: { ttl: '2s' } });
      store.set('k', makeEntry(clock));
      await written(store, 'k');
      await until(() => !(store.get('k') instanceof Promise));

      clock.advance(2000);
      const read = store.get('k');
      expect(read, 'after l1.ttl').to.be.instanceOf(Promise);
      expect(await read, 'still in Redis').to.not.equal(undefined);
    });

    // The stores run on a manual clock that does not move, so the first level
    // never expires the entry: only the invalidation message can drop it.
    it('drops an entry invalidated on another store, through pub/sub', async () => {
      const clock = new ManualClock(START);
      const one = await storeWith({ clock, l1: true });
      const two = await storeWith({ clock, l1: true });
      one.set('k', makeEntry(clock, { tags: ['city:1'] }));
      await written(one, 'k');
      await two.get('k');
      expect(two.get('k'), 'in two’s first level').to.not.be.instanceOf(Promise);

      await one.invalidateTags(['city:1']);
      await until(() => two.get('k') instanceof Promise, 2000, 'the invalidation to reach two');
      expect(await two.get('k')).to.equal(undefined);
    });

    it('does not keep an entry read from Redis before an invalidation arrived', async () => {
      const clock = new ManualClock(START);
      const one = await storeWith({ clock, l1: true });
      const two = await storeWith({ clock, l1: true });
      one.set('k', makeEntry(clock, { tags: ['t'] }));
      await written(one, 'k');

      const reading = two.get('k');
      await two.invalidateTags(['t']);
      await reading;
      expect(await two.get('k')).to.equal(undefined);
    });
  });

  describe('a client you give', () => {
    it('is used as is, and left open by close()', async () => {
      const client = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
      const clock = new ManualClock(START);
      const store = new RedisStore({ client, keyPrefix: prefix, clock, l1: true });
      expect(await store.ready(), 'ready').to.equal(true);
      store.set('given', makeEntry(clock));
      await written(store, 'given');
      expect(await store.get('given')).to.not.equal(undefined);

      await store.close();
      expect(client.status, 'client status after close()').to.equal('ready');
      expect(await client.ping()).to.equal('PONG');
      client.disconnect();
    });
  });

  describe('health', () => {
    it('reports ok, the connection and the subscription', async () => {
      const store = await storeWith({ l1: true });
      expect(store.available()).to.equal(true);
      expect(store.health()).to.include({
        status: 'ok',
        connection: 'ready',
        breaker: 'closed',
        subscription: 'subscribed',
        pendingInvalidations: 0,
      });
    });
  });
});

async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 3000,
  what = 'a condition',
): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(2);
  }
  return Date.now() - start;
}
