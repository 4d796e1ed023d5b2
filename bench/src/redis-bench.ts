// What the Redis store promises in time, measured: npm run bench:redis (needs
// Redis on 127.0.0.1:6379 or REDIS_URL, and redis-server on the PATH).
//
// 1. Invalidation across instances: two geo instances share one Redis, each
//    with a first level. A city is a HIT on B; A patches it; B is polled
//    until it stops answering the old entry. Repeated for many cities.
// 2. A stalled Redis: one geo instance on a redis-server of our own, under
//    load of misses (each needs Redis), while the server is frozen (SIGSTOP)
//    for 2 s; the slowest answer against the store's 50 ms time budget.
//
// The tests check that these things happen; this measures how fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
// The tests' own redis-server controller (start on a free port, freeze, kill).
import { RedisServer } from '../../packages/cache-redis/dist/test/support/redis.js';
import { machine, pinSelf, startServer } from './harness.js';
import { GEO_ROUTES } from './geo-routes.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TRIALS = Number(process.env.BENCH_TRIALS ?? 100);
const BUDGET_MS = 50; // redisCache()'s default timeoutMs, which the geo example keeps

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function request(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; cache: string | null }> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return { status: response.status, cache: response.headers.get('x-cache') };
}

/** Milliseconds from the end of a PATCH on A to B no longer answering its cached entry. */
async function propagation(): Promise<number[]> {
  const prefix = `bench-propagation-${process.pid}`;
  const env = { STORE: 'redis-l1', REDIS_URL, REDIS_PREFIX: prefix };
  const a = await startServer({ name: 'A', script: 'geo-store.js', path: '/', env });
  const b = await startServer({ name: 'B', script: 'geo-store.js', path: '/', env });
  const onA = `http://127.0.0.1:${a.port}`;
  const onB = `http://127.0.0.1:${b.port}`;
  const samples: number[] = [];
  try {
    // Cities of Switzerland, largest first: real ids, each its own entry and tag.
    const cities = (await (await fetch(`${onA}/countries/ch/cities?limit=100`)).json()) as {
      items: Array<{ id: number }>;
    };
    for (const { id } of cities.items.slice(0, TRIALS)) {
      const path = `/cities/${id}`;
      await request(onB + path);
      await sleep(5); // the entry is written to Redis after the answer
      if ((await request(onB + path)).cache !== 'HIT') throw new Error(`${path} is not a HIT on B`);

      const written = await request(onA + path, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ population: 1000 + samples.length }),
      });
      if (written.status !== 200) throw new Error(`PATCH ${path} answered ${written.status}`);
      const start = performance.now();
      while ((await request(onB + path)).cache === 'HIT') {
        if (performance.now() - start > 10_000)
          throw new Error(`B still serves ${path} after 10 s`);
      }
      samples.push(performance.now() - start);
    }
  } finally {
    a.child.kill();
    b.child.kill();
  }
  return samples;
}

interface StallRun {
  name: string;
  requests: number;
  failed: number;
  p99Ms: number;
  maxMs: number;
  bypassed: number;
}

/** Load of misses for `seconds`, with `during` run 1 s in. */
async function underLoad(
  name: string,
  url: string,
  seconds: number,
  during?: () => Promise<void>,
): Promise<StallRun> {
  let n = 0;
  let bypassed = 0;
  const loading = autocannon({
    url,
    duration: seconds,
    connections: 20,
    requests: [
      {
        setupRequest: (req: { path: string }) => ({
          ...req,
          path: GEO_ROUTES.nearby.replace(/lat=[^&]*/, `lat=${(n++ % 80_000) / 1000}`),
        }),
        onResponse: (
          _status: number,
          _body: string,
          _context: unknown,
          headers: Record<string, string>,
        ) => {
          if (headers['x-cache'] === 'BYPASS') bypassed++;
        },
      },
    ],
  } as autocannon.Options);
  if (during) {
    await sleep(1000);
    await during();
  }
  const result = await loading;
  return {
    name,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    bypassed,
  };
}

async function stall(): Promise<StallRun[]> {
  const server = await RedisServer.create();
  await server.start();
  const geo = await startServer({
    name: 'geo',
    script: 'geo-store.js',
    path: '/',
    env: { STORE: 'redis-l1', REDIS_URL: server.url },
  });
  const url = `http://127.0.0.1:${geo.port}`;
  try {
    await sleep(500);
    const calm = await underLoad('Redis answering', url, 5);
    const frozen = await underLoad('Redis frozen (SIGSTOP) for 2 s, 1 s in', url, 5, async () => {
      server.freeze();
      await sleep(2000);
      server.thaw();
    });
    return [calm, frozen];
  } finally {
    geo.child.kill();
    await server.kill();
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

pinSelf();
const delays = (await propagation()).sort((x, y) => x - y);
const spread = {
  trials: delays.length,
  medianMs: quantile(delays, 0.5),
  p95Ms: quantile(delays, 0.95),
  maxMs: delays.at(-1)!,
};
console.log(
  `invalidation A → B over ${spread.trials} cities: median ${spread.medianMs.toFixed(1)} ms, ` +
    `p95 ${spread.p95Ms.toFixed(1)} ms, max ${spread.maxMs.toFixed(1)} ms`,
);
const stalls = await stall();
for (const run of stalls) {
  console.log(
    `${run.name}: ${run.requests} requests, ${run.failed} failed, ${run.bypassed} BYPASS, p99 ${run.p99Ms} ms, max ${run.maxMs} ms`,
  );
}

mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../docs/bench-redis.json', import.meta.url),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: machine(),
      budgetMs: BUDGET_MS,
      propagation: spread,
      stalls,
    },
    null,
    2,
  ) + '\n',
);
