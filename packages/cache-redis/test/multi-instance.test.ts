import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { send } from '@fastjson-api/core/testing';
import { timing } from './support/http.js';
import { deletePrefix, REDIS_URL, requireRedis, uniquePrefix } from './support/redis.js';

const INSTANCE = fileURLToPath(new URL('./fixtures/instance.js', import.meta.url));

interface Instance {
  child: ChildProcess;
  url: string;
}

/** Forks one app instance (fixtures/instance.ts) and waits until it listens with its cache in service. */
function startInstance(url: string, prefix: string, l1Ttl: string): Promise<Instance> {
  const child = fork(INSTANCE, [url, prefix, l1Ttl], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`instance exited with ${code} before listening`)),
    );
    child.once(
      'message',
      (message: { url: string; health: { status: string; subscription: string } }) => {
        if (message.health.status !== 'ok' || message.health.subscription !== 'subscribed') {
          reject(new Error(`instance not ready: ${JSON.stringify(message.health)}`));
        }
        resolve({ child, url: message.url });
      },
    );
  });
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.send('close');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

describe('redisCache() with several instances (separate processes)', function () {
  this.timeout(30_000);
  before(requireRedis);

  const prefix = uniquePrefix('instances');
  const instances: Instance[] = [];
  after(async () => {
    await Promise.all(instances.splice(0).map(stopInstance));
    await deletePrefix(REDIS_URL, prefix);
  });

  before(async () => {
    instances.push(
      ...(await Promise.all([
        startInstance(REDIS_URL, prefix, '30s'),
        startInstance(REDIS_URL, prefix, '30s'),
      ])),
    );
  });

  // Both first levels keep entries 30 s: B can only be fresh within the wait
  // below because the invalidation reached it. How fast it does is measured
  // by npm run bench:redis.
  it('a write on one instance makes the same GET on the other fresh (new ETag), through pub/sub', async () => {
    const [a, b] = instances as [Instance, Instance];
    const get = (instance: Instance) => send(instance.url, { path: '/cities/7' });

    // One round of everything first, so that the measure below is not of
    // code paths running for the first time in a fresh process.
    for (const instance of [a, b, a, b]) await send(instance.url, { path: '/cities/6' });
    await send(a.url, { method: 'PATCH', path: '/cities/6', json: { name: 'Warm' } });
    for (const instance of [b, a, b]) await send(instance.url, { path: '/cities/6' });

    const first = await get(a);
    expect(first.headers['x-cache'], 'first read on A').to.equal('MISS');
    await get(b);
    const cached = await get(b);
    expect(cached.headers['x-cache'], 'B serves it from its cache').to.equal('HIT');
    expect(cached.headers.etag, 'same entry on both').to.equal(first.headers.etag);
    expect((await get(b)).headers.etag, 'and again (first level)').to.equal(first.headers.etag);

    const written = await send(a.url, {
      method: 'PATCH',
      path: '/cities/7',
      json: { name: 'Lugano' },
    });
    expect(written.status, 'PATCH on A').to.equal(200);
    const invalidatedAt = Date.now();

    let fresh = await get(b);
    while (fresh.headers.etag === first.headers.etag && Date.now() - invalidatedAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      fresh = await get(b);
    }
    timing('fresh on B after the PATCH on A, ms', Date.now() - invalidatedAt);

    expect(fresh.headers.etag, 'B answers with a new ETag').to.not.equal(first.headers.etag);
    expect(fresh.json.name, 'and the new data').to.equal('Lugano');
  });

  it('after the invalidation both instances share the new entry again', async () => {
    const [a, b] = instances as [Instance, Instance];
    await send(a.url, { method: 'PATCH', path: '/cities/8', json: { name: 'Sion' } });
    const onB = await send(b.url, { path: '/cities/8' });
    const onA = await send(a.url, { path: '/cities/8' });

    expect(onA.headers.etag).to.equal(onB.headers.etag);
    expect(onA.headers['x-cache']).to.equal('HIT');
  });
});
