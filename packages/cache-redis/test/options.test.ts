import { expect } from 'chai';
import { makeEntry } from '@fastjson-api/cache/testing';
import { ManualClock } from '@fastjson-api/core';
import {
  RedisCacheErrorCodes,
  RedisStore,
  redisCache,
  type RedisCacheError,
} from '../src/index.js';
import { freePort, sleep } from './support/redis.js';

describe('redisCache() and RedisStore options', () => {
  const rejected: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'keyPrefix with a brace',
      { keyPrefix: 'a{b}' },
      /keyPrefix must be 1 to 100 characters without `\{` or `\}`; got 'a\{b\}'/,
    ],
    ['an empty keyPrefix', { keyPrefix: '' }, /keyPrefix must be/],
    ['timeoutMs 0', { timeoutMs: 0 }, /timeoutMs must be a positive number of milliseconds; got 0/],
    ['timeoutMs as a string', { timeoutMs: '50' }, /timeoutMs must be a positive number/],
    [
      'connectTimeoutMs NaN',
      { connectTimeoutMs: Number.NaN },
      /connectTimeoutMs must be a positive number/,
    ],
    [
      'breaker.failures 1.5',
      { breaker: { failures: 1.5 } },
      /breaker.failures must be a positive integer; got 1.5/,
    ],
    [
      'breaker.cooldownMs -1',
      { breaker: { cooldownMs: -1 } },
      /breaker.cooldownMs must be a positive number/,
    ],
    [
      'maxPendingInvalidations 0',
      { maxPendingInvalidations: 0 },
      /maxPendingInvalidations must be a positive integer/,
    ],
    [
      'l1.maxBytes "lots"',
      { l1: { maxBytes: 'lots' } },
      /l1.maxBytes must be a positive number of bytes/,
    ],
    ['l1.ttl 0', { l1: { ttl: 0 } }, /l1.ttl must be a positive number of seconds/],
    ['l1 as a string', { l1: 'yes' }, /l1 must be an object, true or false/],
    [
      'url and cluster together',
      { url: 'redis://x', cluster: ['127.0.0.1:7000'] },
      /give at most one of url, client and cluster/,
    ],
    [
      'a url of another scheme',
      { url: 'http://localhost:6379' },
      /url must start with redis:\/\/ or rediss:\/\//,
    ],
    ['an empty cluster', { cluster: [] }, /cluster must list at least one node/],
    ['a client that is not ioredis', { client: {} }, /client must be an ioredis Redis or Cluster/],
    ['onError that is not a function', { onError: 'log' }, /onError must be a function/],
    ['a logger without warn()', { logger: {} }, /logger must be a pino logger or false/],
  ];

  for (const [name, options, message] of rejected) {
    it(`rejects ${name} with a TypeError naming the option, when the plugin is made`, () => {
      expect(() => redisCache(options as never)).to.throw(TypeError, message);
      expect(() => redisCache(options as never)).to.throw(TypeError, /^redisCache: /);
    });
  }

  it('rejects bad options in the RedisStore constructor too, naming the class', () => {
    expect(() => new RedisStore({ timeoutMs: -5 })).to.throw(
      TypeError,
      /^RedisStore: timeoutMs must be/,
    );
  });

  it('passes the plugin options through to the response cache', () => {
    const plugin = redisCache({ frontDoor: false, compression: { threshold: 10 } });
    expect(plugin).to.include({ name: 'response-cache', kind: 'cache' });
  });
});

describe('RedisStore with no Redis to talk to', function () {
  this.timeout(5000);

  it('never throws: reads miss, writes are dropped, invalidations wait; health says why', async () => {
    const errors: RedisCacheError[] = [];
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const store = new RedisStore({
      url: `redis://127.0.0.1:${await freePort()}`,
      clock,
      onError: (e) => errors.push(e),
    });
    try {
      await sleep(100);
      expect(store.available(), 'available').to.equal(false);
      expect(store.health()).to.include({ status: 'degraded', reason: 'unreachable' });

      expect(await store.get('k'), 'get').to.equal(undefined);
      expect(store.set('k', makeEntry(clock)), 'set').to.equal(undefined);
      expect(
        await store.addEncoding('k', '"v1"', 'gzip', Buffer.from('x')),
        'addEncoding',
      ).to.equal(false);
      expect(await store.invalidateTags(['t']), 'invalidateTags').to.equal(0);
      expect(await store.delete('k'), 'delete').to.equal(false);
      await store.clear();

      expect(store.health()).to.include({ pendingInvalidations: 1 });
      expect(errors.map((e) => e.code)).to.include(RedisCacheErrorCodes.CONNECTION);
    } finally {
      await store.close();
    }
    expect(store.health()).to.include({ status: 'degraded', reason: 'closed' });
  });

  it('resolves ready() with false when Redis never answers', async () => {
    const store = new RedisStore({ url: `redis://127.0.0.1:${await freePort()}` });
    try {
      expect(await store.ready(200)).to.equal(false);
    } finally {
      await store.close();
    }
  });
});
