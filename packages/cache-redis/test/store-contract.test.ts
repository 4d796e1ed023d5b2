import { storeContract } from '@fastjson-api/cache/testing';
import { RedisStore } from '../src/index.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from './support/redis.js';

/**
 * The shared store contract, on Redis. Entries carry times from the suite's
 * ManualClock; the store checks them against that clock on every read, so
 * the expiry rules hold while Redis's own expiry (real time, always later
 * here) only bounds memory. Redis-side expiry is tested in redis-store.test.ts.
 */
describe('RedisStore (store contract)', function () {
  before(requireRedis);
  const prefix = uniquePrefix('contract');
  after(() => deletePrefix(REDIS_URL, prefix));

  storeContract(
    'RedisStore',
    async (clock) => {
      const store = new RedisStore({ url: REDIS_URL, keyPrefix: prefix, clock });
      await store.ready();
      return store;
    },
    { exactStats: false },
  );

  storeContract(
    'RedisStore with a first level',
    async (clock) => {
      const store = new RedisStore({
        url: REDIS_URL,
        keyPrefix: `${prefix}-l1`,
        clock,
        l1: { ttl: '2s' },
      });
      await store.ready();
      return store;
    },
    { exactStats: false },
  );
  after(() => deletePrefix(REDIS_URL, `${prefix}-l1`));
});
