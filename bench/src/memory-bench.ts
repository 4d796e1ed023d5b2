// Memory against key count: npm run bench:memory. The kit's memory store is
// filled with ever more distinct keys (one ~1 KB entry per id, each a miss
// that runs the handler and stores) and the server's memory after garbage
// collection is read at each step. It should level off near the budget,
// whatever the number of keys.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { machine, pinSelf, startServer } from './harness.js';

const BUDGETS = (process.env.BENCH_BUDGETS ?? '16mb,64mb').split(',');
const STEPS = [0, 25_000, 50_000, 100_000, 200_000, 400_000];
const MB = 1024 * 1024;

interface Reading {
  memory: { heapUsed: number; external: number; arrayBuffers: number; rss: number };
  store: {
    entries: number;
    bytes: number;
    evictions: number;
    maxBytes: number;
    maxEntries: number;
    tags?: number;
  };
}

function measure(child: ChildProcess): Promise<Reading> {
  return new Promise((resolve) => {
    const onMessage = (message: Partial<Reading>) => {
      if (!message.memory) return;
      child.off('message', onMessage);
      resolve(message as Reading);
    };
    child.on('message', onMessage);
    child.send({ measure: true });
  });
}

/** Sends `count` requests for ids `from`, `from + 1`, …: each one a new key. */
async function fill(url: string, from: number, count: number): Promise<number> {
  if (count === 0) return 0;
  let next = from;
  const result = await autocannon({
    url,
    amount: count,
    connections: 50,
    requests: [
      { setupRequest: (request: { path: string }) => ({ ...request, path: `/records/${next++}` }) },
    ],
  } as autocannon.Options);
  return result.non2xx + result.errors + result.timeouts;
}

pinSelf();
const runs = [];
for (const budget of BUDGETS) {
  const { child, port } = await startServer({
    name: `memory store, maxBytes ${budget}`,
    script: 'memory-kit.js',
    path: '/records/0',
    env: { MAX_BYTES: budget },
    execArgv: ['--expose-gc'],
  });
  const url = `http://127.0.0.1:${port}`;
  const steps = [];
  let failed = 0;
  let bodyBytes = 0;
  try {
    bodyBytes = (await (await fetch(`${url}/records/0`)).arrayBuffer()).byteLength;
    // One request first, so the baseline includes a warmed-up request path.
    failed += await fill(url, 1_000_000_000, 200);
    const base = await measure(child);
    let sent = 0;
    for (const keys of STEPS) {
      failed += await fill(url, sent, keys - sent);
      sent = keys;
      const reading = await measure(child);
      const retained = (r: Reading) => r.memory.heapUsed + r.memory.external;
      steps.push({
        keys,
        growthMb: (retained(reading) - retained(base)) / MB,
        heapUsedMb: reading.memory.heapUsed / MB,
        externalMb: reading.memory.external / MB,
        rssMb: reading.memory.rss / MB,
        storeEntries: reading.store.entries,
        storeMb: reading.store.bytes / MB,
        evictions: reading.store.evictions,
      });
      const last = steps.at(-1)!;
      console.error(
        `${budget}: ${keys} keys, heap + external grew ${last.growthMb.toFixed(1)} MB, ` +
          `store ${last.storeEntries} entries / ${last.storeMb.toFixed(1)} MB, rss ${last.rssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    child.kill();
  }
  runs.push({ budget, maxBytesMb: parseBudget(budget) / MB, bodyBytes, failed, steps });
}

function parseBudget(text: string): number {
  const match = /^(\d+)(kb|mb|gb)$/i.exec(text);
  if (!match) throw new Error(`BENCH_BUDGETS: ${text} is not a size like 16mb`);
  const unit = { kb: 1024, mb: MB, gb: 1024 * MB }[match[2]!.toLowerCase() as 'kb' | 'mb' | 'gb'];
  return Number(match[1]) * unit;
}

console.log(
  '\n| budget | keys sent | store entries | store MB (accounted) | heap + external growth MB | RSS MB |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const run of runs) {
  for (const s of run.steps) {
    console.log(
      `| ${run.budget} | ${s.keys.toLocaleString('en-US')} | ${s.storeEntries.toLocaleString('en-US')} | ${s.storeMb.toFixed(1)} | ${s.growthMb.toFixed(1)} | ${s.rssMb.toFixed(0)} |`,
    );
  }
}

mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../docs/bench-memory.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), machine: machine(), runs }, null, 2) + '\n',
);
