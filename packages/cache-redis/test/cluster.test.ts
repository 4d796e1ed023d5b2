/**
 * Redis Cluster: three masters started here on loopback, no replicas. The
 * store contract, and cached routes with tag invalidation across two
 * instances, run through ioredis's Cluster client.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { storeContract } from '@fastjson-api/cache/testing';
import { redisCache, RedisStore } from '../src/index.js';
import { cityController, memoryCities, startApp, until, type RunningApp } from './support/http.js';
import { RedisServer, requireRedisCli, requireRedisServer } from './support/redis.js';

describe('Redis Cluster', function () {
  this.timeout(30_000);
  before(requireRedisServer);
  before(requireRedisCli);

  const servers: RedisServer[] = [];
  let dir: string;
  let nodes: { host: string; port: number }[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fja-cluster-'));
    for (let i = 0; i < 3; i++) {
      const server = await RedisServer.create(['--cluster-enabled', 'yes', '--dir', dir]);
      servers.push(server);
    }
    await Promise.all(
      servers.map((server) => server.start([`--cluster-config-file`, `nodes-${server.port}.conf`])),
    );
    nodes = servers.map((server) => ({ host: '127.0.0.1', port: server.port }));

    const created = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `${n.host}:${n.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (created.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await untilClusterOk();
  });

  after(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function untilClusterOk(): Promise<void> {
    await until(
      async () => {
        const states = await Promise.all(
          servers.map(async (server) => {
            const client = server.client();
            try {
              return /cluster_state:ok/.test((await client.call('CLUSTER', 'INFO')) as string);
            } finally {
              client.disconnect();
            }
          }),
        );
        return states.every(Boolean);
      },
      15_000,
      'cluster_state:ok on every node',
    );
  }

  describe('store contract', () => {
    storeContract(
      'RedisStore on Redis Cluster',
      async (clock) => {
        const store = new RedisStore({ cluster: nodes, keyPrefix: 'contract', clock });
        await store.ready();
        return store;
      },
      { exactStats: false },
    );
  });

  describe('redisCache({ cluster })', () => {
    const apps: RunningApp[] = [];
    afterEach(async () => {
      await Promise.all(apps.splice(0).map((running) => running.app.close()));
    });

    it('caches routes and invalidates tags across instances, all keys of a prefix in one slot', async () => {
      const data = memoryCities();
      const start = () =>
        startApp({
          controllers: [cityController(data)],
          // A first level of 60 s: only the invalidation message can make B fresh in the wait below.
          cache: redisCache({ cluster: nodes, keyPrefix: 'routes', l1: { ttl: '60s' } }),
        });
      const a = await start();
      const b = await start();
      apps.push(a, b);
      const ready = (r: RunningApp) =>
        r.cache.health().status === 'ok' && r.cache.health().subscription === 'subscribed';
      await until(() => ready(a) && ready(b), 10_000, 'both instances');

      expect((await a.request('/cities/1')).headers['x-cache']).to.equal('MISS');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const hit = await b.request('/cities/1');
      expect(hit.headers['x-cache'], 'B reads what A stored').to.equal('HIT');
      await b.request('/cities/2');

      let inSlot = 0;
      let total = 0;
      for (const server of servers) {
        const client = server.client();
        try {
          const slot = String(await client.call('CLUSTER', 'KEYSLOT', '{routes}:anything'));
          inSlot += (await client.call('CLUSTER', 'COUNTKEYSINSLOT', slot)) as number;
          total += (await client.keys('{routes}:*')).length;
        } finally {
          client.disconnect();
        }
      }
      expect(inSlot, 'entries, tag sets and generation, in the slot of {routes}').to.be.at.least(5);
      expect(total, 'every key of the prefix').to.equal(inSlot);

      expect(
        (await a.request({ method: 'PATCH', path: '/cities/1', json: { name: 'Chur' } })).status,
      ).to.equal(200);
      await until(
        async () => (await b.request('/cities/1')).headers.etag !== hit.headers.etag,
        10_000,
        'the invalidation to reach B',
      );
      expect(
        (await b.request('/cities/2')).headers['x-cache'],
        'other cities stay cached',
      ).to.equal('HIT');
      expect(await a.cache.invalidate(['cities']), 'entries tagged "cities"').to.equal(2);
    });
  });
});
