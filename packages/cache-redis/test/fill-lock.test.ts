/**
 * Single flight across instances (`fillLock`): two apps in this process on
 * one Redis, each with a RedisStore of its own and no first level, so they
 * share nothing but Redis (not the in-process flight).
 */
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { Cached, Controller, Get, Param } from '@fastjson-api/core';
import type { TestResponse } from '@fastjson-api/core/testing';
import { responseCache as responseCacheOf } from '@fastjson-api/cache';
import { RedisStore, redisCache, type RedisCacheOptions } from '../src/index.js';
import { startApp, until, type RunningApp } from './support/http.js';
import {
  deletePrefix,
  REDIS_URL,
  RedisServer,
  requireRedis,
  requireRedisServer,
  sleep,
  uniquePrefix,
} from './support/redis.js';

const HANDLER_MS = 200;

/** How the slow handler behaves; shared by both apps, as a database would be. */
interface Origin {
  calls: number;
  /** Calls still to fail (the handler throws after its delay). */
  failures: number;
}

function slowController(origin: Origin) {
  @Controller('/slow')
  class SlowController {
    @Get('/:id')
    @Cached({ ttl: 60 })
    async byId(@Param('id') id: string) {
      origin.calls++;
      await sleep(HANDLER_MS);
      if (origin.failures > 0) {
        origin.failures--;
        throw new Error('origin failed');
      }
      return { id, at: process.hrtime.bigint().toString() };
    }
  }
  return SlowController;
}

describe('redisCache() fillLock (single flight across instances)', function () {
  this.timeout(20_000);
  before(requireRedis);

  const prefix = uniquePrefix('fill-lock');
  let redis: Redis;
  const apps: RunningApp[] = [];
  let origin: Origin;
  before(() => {
    redis = new Redis(REDIS_URL);
  });
  beforeEach(() => {
    origin = { calls: 0, failures: 0 };
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((running) => running.app.close()));
  });
  after(async () => {
    redis?.disconnect();
    await deletePrefix(REDIS_URL, prefix);
  });

  /** Two instances of the app on one key prefix, each with its cache in service. */
  async function twoInstances(
    options: Partial<RedisCacheOptions>,
  ): Promise<{ a: RunningApp; b: RunningApp; keyPrefix: string }> {
    const keyPrefix = `${prefix}-${++made}`;
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        startApp({
          controllers: [slowController(origin)],
          cache: redisCache({ url: REDIS_URL, keyPrefix, ...options }),
        }),
      ),
    );
    apps.push(a!, b!);
    for (const running of [a!, b!]) {
      await until(() => running.cache.health().status === 'ok', 5000, 'the cache in service');
    }
    return { a: a!, b: b!, keyPrefix };
  }
  let made = 0;

  /** GETs the same path on both, B shortly after A so that A takes the lock. */
  async function bothGet(
    a: RunningApp,
    b: RunningApp,
    path: string,
  ): Promise<[TestResponse, TestResponse]> {
    const onA = a.request(path);
    await sleep(30);
    return Promise.all([onA, b.request(path)]);
  }

  it('runs the handler once in all for concurrent misses, and both answer with its entry', async () => {
    const { a, b, keyPrefix } = await twoInstances({ fillLock: true });
    const [onA, onB] = await bothGet(a, b, '/slow/1');

    expect(origin.calls, 'handler calls').to.equal(1);
    expect([onA.status, onB.status]).to.deep.equal([200, 200]);
    expect(onB.text, 'same body').to.equal(onA.text);
    expect(onB.headers.etag, 'same ETag').to.equal(onA.headers.etag);
    expect(onA.headers['x-cache'], 'A ran it').to.equal('MISS');
    expect(onB.headers['x-cache'], "B answered from A's entry").to.equal('HIT');
    expect(b.cache.stats().total, 'B waited').to.include({ misses: 0, coalesced: 1 });
    await until(async () => (await locksOf(keyPrefix)).length === 0, 1000, 'the lock released');
  });

  it('without fillLock (the default), each instance runs the handler', async () => {
    const { a, b, keyPrefix } = await twoInstances({});
    const [onA, onB] = await bothGet(a, b, '/slow/2');

    expect(origin.calls, 'handler calls').to.equal(2);
    expect([onA.status, onB.status]).to.deep.equal([200, 200]);
    expect([onA.headers['x-cache'], onB.headers['x-cache']]).to.deep.equal(['MISS', 'MISS']);
    expect(await locksOf(keyPrefix), 'no lock taken').to.deep.equal([]);
  });

  it('hands over at once when the leader fails: its lock is released, the other runs the handler', async () => {
    // A wait longer than the test's own timeout: B answers in time only if
    // the failed leader's lock is handed over rather than waited out.
    const { a, b, keyPrefix } = await twoInstances({ fillLock: { ttlMs: 60_000, waitMs: 60_000 } });
    origin.failures = 1;
    const [onA, onB] = await bothGet(a, b, '/slow/3');

    expect(onA.status, 'the leader failed').to.equal(500);
    expect(onB.status, 'the other ran it itself').to.equal(200);
    expect(onB.headers['x-cache']).to.equal('MISS');
    expect(origin.calls, 'handler calls').to.equal(2);
    await until(async () => (await locksOf(keyPrefix)).length === 0, 1000, 'the locks released');
  });

  it('waits at most waitMs on a lock never released, then runs the handler, and leaves that lock alone', async () => {
    const { a, keyPrefix } = await twoInstances({ fillLock: { ttlMs: 60_000, waitMs: 1000 } });
    expect((await a.request('/slow/warm')).status, 'warm-up').to.equal(200);
    // The entry's key names the lock of the same path: `{p}:e:<key>`, `{p}:l:<key>`.
    const [entry] = await redis.keys(`{${keyPrefix}}:e:*`);
    const lock = entry!.replace(':e:', ':l:').replace('/slow/warm', '/slow/4');
    // A lock taken by an instance that died since: nobody releases it, and it
    // outlives this test, so an answer proves the wait gave up on it.
    await redis.set(lock, 'a dead instance', 'PX', 60_000);

    const answering = a.request('/slow/4');
    await sleep(50);
    expect(origin.calls, 'handler calls while it waits on the lock (warm-up only)').to.equal(1);
    const answer = await answering;

    expect(answer.status).to.equal(200);
    expect(origin.calls, 'handler calls (warm-up, then this one)').to.equal(2);
    expect(await redis.get(lock), "another owner's lock").to.equal('a dead instance');
  });

  it('rejects a fillLock that is not an object, true or false, or has bad times', () => {
    expect(() => redisCache({ fillLock: 'yes' as never })).to.throw(
      TypeError,
      /fillLock must be an object, true or false/,
    );
    expect(() => redisCache({ fillLock: { ttlMs: 0 } })).to.throw(
      TypeError,
      /fillLock.ttlMs must be a positive number of milliseconds; got 0/,
    );
    expect(() => redisCache({ fillLock: { waitMs: -1 } })).to.throw(
      TypeError,
      /fillLock.waitMs must be a positive number/,
    );
  });

  it('leaves claimFill and releaseFill out when off, so the plugin does not coordinate', async () => {
    const off = new RedisStore({ url: REDIS_URL, keyPrefix: `${prefix}-off` });
    const on = new RedisStore({ url: REDIS_URL, keyPrefix: `${prefix}-on`, fillLock: true });
    try {
      expect([off.claimFill, off.releaseFill, off.fillWaitMs]).to.deep.equal([
        undefined,
        undefined,
        undefined,
      ]);
      expect(on.fillWaitMs, 'waitMs defaults to ttlMs').to.equal(2000);
      expect(await on.ready()).to.equal(true);
      expect(await on.claimFill!('k'), 'first claim').to.equal(true);
      expect(await on.claimFill!('k'), 'held by this instance').to.equal(false);
      await on.releaseFill!('k');
      expect(await on.claimFill!('k'), 'released').to.equal(true);
      expect(await redis.pttl(`{${prefix}-on}:l:k`), 'expires').to.be.within(1, 2000);
    } finally {
      await Promise.all([off.close(), on.close()]);
    }
  });

  /** Fill locks left under a key prefix (tests may list keys). */
  function locksOf(keyPrefix: string): Promise<string[]> {
    return redis.keys(`{${keyPrefix}}:l:*`);
  }
});

describe('redisCache() fillLock with Redis down', function () {
  this.timeout(20_000);
  before(requireRedisServer);

  let server: RedisServer;
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.app.close();
    await server.kill();
  });

  it('takes no lock and answers every request from the handler', async () => {
    server = await RedisServer.create();
    await server.start();
    const origin: Origin = { calls: 0, failures: 0 };
    const store = new RedisStore({ url: server.url, keyPrefix: 'down', fillLock: true });
    running = await startApp({
      controllers: [slowController(origin)],
      cache: responseCacheOf(store),
    });
    expect(await store.ready(), 'store ready').to.equal(true);

    await server.kill();
    await until(() => !store.available(), 5000, 'the store unavailable');
    expect(await store.claimFill!('k'), 'a claim without Redis runs the handler').to.equal(true);
    await store.releaseFill!('k');

    const answers = await Promise.all([1, 2, 3].map(() => running!.request('/slow/5')));
    expect(answers.map((answer) => answer.status)).to.deep.equal([200, 200, 200]);
    expect(answers.map((answer) => answer.headers['x-cache'])).to.deep.equal([
      'BYPASS',
      'BYPASS',
      'BYPASS',
    ]);
  });
});
