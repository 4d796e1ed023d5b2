/**
 * Redis failing under load: not there at startup, killed and restarted,
 * paused, frozen, its subscriber connections killed. Each test runs a
 * redis-server of its own and a load of concurrent GETs, and asserts that
 * every request is answered 200 (the cache steps aside, the handlers
 * answer), that caching comes back by itself, and that no request waits on
 * Redis longer than the time budget (plus a margin, plus the event-loop
 * delay the machine itself caused meanwhile).
 */
import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { ManualClock } from '@fastjson-api/core';
import { makeEntry } from '@fastjson-api/cache/testing';
import {
  RedisCacheErrorCodes,
  RedisStore,
  redisCache,
  type RedisCacheError,
  type RedisCacheOptions,
} from '../src/index.js';
import {
  cityController,
  load,
  memoryCities,
  recordingLogger,
  startApp,
  summary,
  timing,
  until,
  type LogLine,
  type RunningApp,
  type Sample,
} from './support/http.js';
import { RedisServer, requireRedisServer, sleep } from './support/redis.js';

const TIMEOUT_MS = 50;
const PATHS = Array.from({ length: 20 }, (_, i) => `/cities/${i}`);

describe('redisCache() when Redis fails under load', function () {
  this.timeout(30_000);
  before(requireRedisServer);

  let server: RedisServer;
  const apps: RunningApp[] = [];
  const admins: Redis[] = [];
  const unexpected: unknown[] = [];
  const record = (error: unknown) => unexpected.push(error);

  before(() => {
    process.on('unhandledRejection', record);
  });
  after(() => {
    process.off('unhandledRejection', record);
  });
  beforeEach(async () => {
    server = await RedisServer.create();
    unexpected.length = 0;
  });
  afterEach(async () => {
    server.thaw();
    await Promise.all(apps.splice(0).map((running) => running.app.close()));
    for (const admin of admins.splice(0)) admin.disconnect();
    await server.kill();
    expect(unexpected, 'unhandled rejections').to.deep.equal([]);
  });

  async function start(options: RedisCacheOptions = {}, data = memoryCities()) {
    const { logger, lines } = recordingLogger();
    const running = await startApp({
      controllers: [cityController(data)],
      cache: redisCache({
        url: server.url,
        keyPrefix: 'faults',
        timeoutMs: TIMEOUT_MS,
        ...options,
      }),
      logger,
    });
    apps.push(running);
    return { running, lines };
  }

  function admin(): Redis {
    const client = server.client();
    admins.push(client);
    return client;
  }

  const isOk = (running: RunningApp) => () => running.cache.health().status === 'ok';
  const downLogs = (lines: LogLine[]) =>
    lines.filter((l) => l.level === 'warn' && /redis cache unavailable/.test(l.message));
  const upLogs = (lines: LogLine[]) =>
    lines.filter((l) => l.level === 'info' && /redis cache in service/.test(l.message));

  function expectAll200(samples: Sample[]): void {
    const failed = samples.filter((s) => s.status !== 200);
    expect(failed.slice(0, 3), `failed requests of ${summary(samples)}`).to.deep.equal([]);
    expect(samples.length, 'requests sent').to.be.greaterThan(100);
  }

  it('starts without Redis, answers from handlers (BYPASS), reports degraded, and caches once Redis is up', async () => {
    const { running, lines } = await start();
    expect(running.cache.health().status, 'health at startup').to.equal('degraded');

    const without = await load(running.url, PATHS, 1500);
    expectAll200(without);
    expect(new Set(without.map((s) => s.cache)), 'X-Cache without Redis').to.deep.equal(
      new Set(['BYPASS']),
    );
    expect(running.cache.health()).to.include({ status: 'degraded', reason: 'unreachable' });

    await server.start();
    await until(isOk(running), 5000, 'the cache to be in service');
    const withRedis = await load(running.url, PATHS, 1000);
    expectAll200(withRedis);
    expect(
      withRedis.filter((s) => s.cache === 'HIT').length,
      `hits once Redis is up: ${summary(withRedis)}`,
    ).to.be.greaterThan(50);

    expect(downLogs(lines), 'down logged once').to.have.length(1);
    expect(upLogs(lines), 'up logged once').to.have.length(1);
  });

  it('keeps answering 200 when Redis is killed mid-load, and hits resume after it restarts', async () => {
    await server.start();
    const { running, lines } = await start();
    await until(isOk(running), 5000, 'the cache to be in service');

    const loading = load(running.url, PATHS, 4500);
    await sleep(800);
    await server.kill();
    await sleep(900);
    expect(running.cache.health().status, 'health while Redis is dead').to.equal('degraded');
    await server.start();
    const restartedAt = 1700;
    const samples = await loading;
    timing(`killed and restarted: ${summary(samples)}; samples`, samples.length);

    expectAll200(samples);
    const before = samples.filter((s) => s.at < 700);
    const dead = samples.filter((s) => s.at > 900 && s.at < restartedAt);
    const late = samples.filter((s) => s.at > restartedAt + 1500);
    expect(
      before.filter((s) => s.cache === 'HIT').length,
      `hits before the kill: ${summary(before)}`,
    ).to.be.greaterThan(20);
    expect(
      dead.every((s) => s.cache === 'BYPASS' || s.cache === 'MISS'),
      `while dead: ${summary(dead)}`,
    ).to.equal(true);
    expect(
      late.filter((s) => s.cache === 'HIT').length,
      `hits after the restart: ${summary(late)}`,
    ).to.be.greaterThan(20);

    expect(downLogs(lines), 'down logged once').to.have.length(1);
    expect(upLogs(lines), 'up logged at startup and after the restart').to.have.length(2);
  });

  const stalls: Array<[string, (server: RedisServer) => Promise<void>]> = [
    ['paused with CLIENT PAUSE 2000', async () => void (await admin().client('PAUSE', 2000))],
    [
      'frozen with SIGSTOP for 2 s',
      async (s) => {
        s.freeze();
        setTimeout(() => s.thaw(), 2000);
      },
    ],
  ];

  for (const [name, stall] of stalls) {
    it(`keeps answering from handlers while Redis is ${name}: no request waits for Redis`, async () => {
      await server.start();
      const { running } = await start();
      await until(isOk(running), 5000, 'the cache to be in service');
      for (const path of PATHS) await running.request(path);

      const loading = load(running.url, PATHS, 5000);
      await sleep(500);
      await stall(server);
      const samples = await loading;

      expectAll200(samples);
      const slowest = samples.reduce((worst, s) => (s.ms > worst.ms ? s : worst));
      // How long the slowest one took is a figure for the benchmark
      // (npm run bench:redis), not an assertion: this checks that requests
      // were answered while Redis could answer nothing, which they could not
      // be if any of them waited for Redis.
      timing(`${name}: ${summary(samples)}; slowest at`, slowest.at);
      const stalled = samples.filter((s) => s.at > 700 && s.at < 2400);
      expect(
        stalled.filter((s) => s.cache === 'BYPASS').length,
        `bypassed while stalled: ${summary(stalled)}`,
      ).to.be.greaterThan(50);
      const late = samples.filter((s) => s.at > 4000);
      expect(
        late.filter((s) => s.cache === 'HIT').length,
        `hits after the stall: ${summary(late)}`,
      ).to.be.greaterThan(20);
    });
  }

  describe('invalidations made while Redis is away', () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const stores: RedisStore[] = [];
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
    });

    /** Drops every connection but `redis`'s (not the data); ioredis reconnects within ~100 ms. */
    async function cutOff(store: RedisStore, redis: Redis) {
      await redis.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await until(() => !store.available(), 1000, 'the store to notice');
    }

    async function storeOn(options: ConstructorParameters<typeof RedisStore>[0] = {}) {
      const store = new RedisStore({ url: server.url, keyPrefix: 'pending', clock, ...options });
      stores.push(store);
      expect(await store.ready(), 'ready').to.equal(true);
      return store;
    }

    it('are sent when it answers again, before the store serves reads', async () => {
      await server.start();
      const store = await storeOn();
      store.set('k', makeEntry(clock, { tags: ['t'] }));
      const redis = admin();
      await until(async () => (await redis.exists('{pending}:e:k')) === 1, 1000, 'the write');

      await cutOff(store, redis);
      expect(await store.invalidateTags(['t']), 'count while away').to.equal(0);
      expect(store.health()).to.include({ pendingInvalidations: 1 });
      expect(await redis.exists('{pending}:e:k'), 'entry still in Redis').to.equal(1);

      await until(() => store.available(), 5000, 'the store to be back');
      expect(await redis.exists('{pending}:e:k'), 'entry once the store is back').to.equal(0);
      expect(store.health()).to.include({ status: 'ok', pendingInvalidations: 0 });
    });

    it('past maxPendingInvalidations, outdate every entry instead', async () => {
      await server.start();
      const errors: RedisCacheError[] = [];
      const store = await storeOn({
        maxPendingInvalidations: 2,
        onError: (error) => errors.push(error),
      });
      store.set('kept', makeEntry(clock, { tags: ['other'] }));
      const redis = admin();
      await until(async () => (await redis.exists('{pending}:e:kept')) === 1, 1000, 'the write');

      await cutOff(store, redis);
      await store.invalidateTags(['a', 'b', 'c']);
      expect(errors.map((e) => e.code)).to.include(RedisCacheErrorCodes.QUEUE_OVERFLOW);

      await until(() => store.available(), 5000, 'the store to be back');
      expect(await store.get('kept'), 'an entry of another tag is outdated too').to.equal(
        undefined,
      );
    });
  });

  /** Two instances on one Redis, each with a first level of `l1Ttl`, both subscribed. */
  async function twoSubscribed(l1Ttl: string) {
    await server.start();
    const data = memoryCities();
    const { running: a } = await start({ l1: { ttl: l1Ttl } }, data);
    const { running: b } = await start({ l1: { ttl: l1Ttl } }, data);
    await until(
      () => isOk(a)() && isOk(b)() && subscribed(a)() && subscribed(b)(),
      5000,
      'both instances',
    );
    return { a, b };
  }
  const subscribed = (r: RunningApp) => () => r.cache.health().subscription === 'subscribed';

  it('bounds the staleness of a first level whose subscription was killed while another instance invalidated', async () => {
    // The route keeps entries 60 s; the first level 1 s. B answers fresh data
    // long before the route's ttl: its stale copy lives no longer than l1.ttl.
    const { a, b } = await twoSubscribed('1s');
    const first = await b.request('/cities/1');
    await sleep(20);
    expect((await b.request('/cities/1')).headers['x-cache'], 'B holds it').to.equal('HIT');

    const loading = load(b.url, PATHS.slice(2), 2500);
    await admin().call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    const written = await a.request({ method: 'PATCH', path: '/cities/1', json: { name: 'Thun' } });
    expect(written.status).to.equal(200);

    const staleFor = await until(
      async () => (await b.request('/cities/1')).headers.etag !== first.headers.etag,
      10_000,
      'B to answer with fresh data before the route ttl (60 s) could expire its entry',
    );
    timing('stale on B after the subscription was killed, ms', staleFor);
    expectAll200(await loading);
  });

  it('hears invalidations again once a killed subscription is back', async () => {
    // A first level of 30 s: only the invalidation message can make B fresh within the wait below.
    const { a, b } = await twoSubscribed('30s');
    await admin().call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    // The kill closes the socket at once; ioredis reconnects some 50 ms later.
    // Waiting longer than that means "subscribed" below is the new subscription.
    await sleep(300);
    await until(subscribed(b), 5000, 'B to subscribe again');

    await b.request('/cities/2');
    await sleep(20);
    const cached = await b.request('/cities/2');
    expect(cached.headers['x-cache'], 'B caches again').to.equal('HIT');
    await a.request({ method: 'PATCH', path: '/cities/2', json: { name: 'Biel' } });
    const elapsed = await until(
      async () => (await b.request('/cities/2')).headers.etag !== cached.headers.etag,
      10_000,
      'the invalidation to reach B through pub/sub',
    );
    timing('fresh on B after resubscribing, ms', elapsed);
  });
});
