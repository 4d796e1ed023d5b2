import { expect } from 'chai';
import { ManualClock } from '@fastjson-api/core';
import { makeEntry } from '@fastjson-api/cache/testing';
import type { Redis } from 'ioredis';
import { RedisStore } from '../src/index.js';
import { RedisServer, requireRedisServer, sleep } from './support/redis.js';

/** On a redis-server of its own: the command counts must not see other test runs. */
describe('RedisStore#invalidateTags()', function () {
  this.timeout(10_000);
  before(requireRedisServer);

  let server: RedisServer;
  let redis: Redis;
  let store: RedisStore;
  before(async () => {
    server = await RedisServer.create();
    await server.start();
    redis = server.client();
  });
  after(async () => {
    await store?.close();
    redis?.disconnect();
    await server?.kill();
  });

  it('uses neither KEYS nor SCAN', async () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    store = new RedisStore({ url: server.url, keyPrefix: 'scan', clock });
    expect(await store.ready()).to.equal(true);
    for (let i = 0; i < 20; i++)
      store.set(`k${i}`, makeEntry(clock, { tags: [`t${i % 3}`, 'all'] }));
    while ((await redis.exists('{scan}:e:k19')) === 0) await sleep(2);
    const before = await scanCounts();

    expect(await store.invalidateTags(['t0', 't1'])).to.equal(14);
    expect(await store.invalidateTags(['all'])).to.equal(6);
    const after = await scanCounts();
    expect({ keys: after.keys, scan: after.scan }).to.deep.equal({
      keys: before.keys,
      scan: before.scan,
    });
    expect(after.scripts, 'scripts ran (the counts are read)').to.be.greaterThan(before.scripts);
  });

  async function scanCounts(): Promise<{ keys: number; scan: number; scripts: number }> {
    const info = await redis.info('commandstats');
    const calls = (name: string) =>
      Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
    return { keys: calls('keys'), scan: calls('scan'), scripts: calls('evalsha') + calls('eval') };
  }
});
