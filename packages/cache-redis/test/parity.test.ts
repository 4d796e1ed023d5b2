import { expect } from 'chai';
import { ManualClock } from '@fastjson-api/core';
import { memoryCache } from '@fastjson-api/cache';
import type { TestResponse } from '@fastjson-api/core/testing';
import { redisCache } from '../src/index.js';
import { cityController, memoryCities, startApp, type RunningApp } from './support/http.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from './support/redis.js';

/** Headers that describe the connection or the moment, not the response. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive']);

function comparable(res: TestResponse) {
  const headers = Object.fromEntries(
    Object.entries(res.headers).filter(([name]) => !PER_CONNECTION.has(name)),
  );
  return { status: res.status, headers, body: res.raw.toString('hex') };
}

describe('redisCache() against memoryCache()', function () {
  this.timeout(10_000);
  before(requireRedis);

  const prefix = uniquePrefix('parity');
  const apps: RunningApp[] = [];
  after(async () => {
    await Promise.all(apps.map((running) => running.app.close()));
    await deletePrefix(REDIS_URL, prefix);
  });

  for (const l1 of [false, true]) {
    const name = l1 ? 'with a first level' : 'Redis only';

    it(`serves a hit with the same status, bytes, headers and ETag as the memory store (${name})`, async () => {
      const clock = new ManualClock(Date.UTC(2025, 0, 1));
      const start = (cache: Parameters<typeof startApp>[0]['cache']) =>
        startApp({ controllers: [cityController(memoryCities())], cache, clock });
      const memory = await start(memoryCache());
      const redis = await start(
        redisCache({ url: REDIS_URL, keyPrefix: `${prefix}-${l1}`, l1, frontDoor: true }),
      );
      apps.push(memory, redis);
      await until(() => redis.cache.health().status === 'ok');

      const variants: Record<string, string>[] = [
        {},
        { 'accept-encoding': 'gzip' },
        { 'accept-encoding': 'br, gzip' },
        { 'accept-encoding': 'identity' },
      ];
      for (const [index, headers] of variants.entries()) {
        const path = `/cities/${l1 ? 'l1' : 'r'}-${index}`;
        const fromMemory: ReturnType<typeof comparable>[] = [];
        const fromRedis: ReturnType<typeof comparable>[] = [];
        // Miss, hit, hit again (front door), a conditional hit.
        for (let i = 0; i < 3; i++) {
          fromMemory.push(comparable(await memory.request({ path, headers })));
          fromRedis.push(comparable(await settled(redis, { path, headers })));
        }
        const etag = fromMemory[1]!.headers.etag as string;
        fromMemory.push(
          comparable(
            await memory.request({ path, headers: { ...headers, 'if-none-match': etag } }),
          ),
        );
        fromRedis.push(
          comparable(await redis.request({ path, headers: { ...headers, 'if-none-match': etag } })),
        );

        expect(
          fromRedis.map((r) => r.headers['x-cache']),
          `x-cache ${path}`,
        ).to.deep.equal(['MISS', 'HIT', 'HIT', 'HIT']);
        expect(fromRedis, `responses of ${path}`).to.deep.equal(fromMemory);
      }
    });
  }
});

/** A request, after the previous write to Redis has landed (set() does not wait for it). */
async function settled(
  running: RunningApp,
  request: { path: string; headers: Record<string, string> },
): Promise<TestResponse> {
  await new Promise((resolve) => setTimeout(resolve, 15));
  return running.request(request);
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
