// Writes docs/benchmarks.md from the JSON results the benchmarks left in docs/:
// npm run bench:report. The page and the figures therefore never disagree.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const docs = new URL('../../docs/', import.meta.url);
const read = (name: string) => {
  const file = new URL(name, docs);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const x = (n: number) => `${n.toFixed(2)}×`;
const verdict = (value: number, target: number) =>
  value >= target ? `met (${x(value)} ≥ ${x(target)})` : `**not met** (${x(value)} < ${x(target)})`;

interface Row {
  name: string;
  path: string;
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
  cpuUsPerReq?: number;
}

function table(rows: Row[], base: number, baseLabel: string): string {
  const lines = [
    `| contender | req/s | p99 ms | × ${baseLabel} | server CPU µs/req | failed |`,
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const cpu = r.cpuUsPerReq === undefined ? 'n/a' : r.cpuUsPerReq.toFixed(1);
    lines.push(
      `| ${r.name} | ${fmt(r.requestsPerSec)} | ${r.p99Ms} | ${x(r.requestsPerSec / base)} | ${cpu} | ${r.non2xx} |`,
    );
  }
  return lines.join('\n');
}

const out: string[] = [
  '# Benchmarks',
  '',
  'Every figure on this page comes from the JSON files next to it, written by',
  'the benchmark commands below, and this page is generated from them',
  '(`npm run bench:report`). Run the commands on your own machine before you',
  'trust a ratio: on a shared two-core virtual machine, two runs of the same',
  'command differ by 10 to 30 %, and a ratio near its target can land on either',
  'side of it from one run to the next.',
  '',
  '**Method.** HTTP figures come from autocannon (100 connections). All servers',
  'of a run start first and stay up; each is then measured in turn, for several',
  "rounds (A B C, A B C, …), and the table shows each one's median round. The",
  'servers run pinned to core 0 and autocannon to core 1 (taskset). With two',
  'cores, autocannon itself tops out near the fastest servers, so ratios close',
  'to 1 among fast contenders mean "as fast as the load can tell", not "equal".',
  'Request logging is off for every contender unless a row says otherwise.',
  '"Server CPU µs/req" is the server process\'s CPU time (user + system, from',
  '`/proc/<pid>/stat`) over the requests it answered in the same rounds: what',
  'one request costs the server, which still tells fast contenders apart when',
  'the load generator is what limits req/s. The targets are on req/s.',
  '',
];

const cache = read('bench-cache.json');
if (cache) {
  const rows: Row[] = cache.rows;
  const ceiling = rows[0]!.requestsPerSec;
  const by = (name: string) => rows.find((r) => r.name === name)!.requestsPerSec;
  out.push(
    '## The cached hit path',
    '',
    '`npm run bench:cache` — one small JSON object (about 200 bytes) served by each contender.',
    '',
    `Machine: ${cache.machine.cpu}, ${cache.machine.cores} cores, Node ${cache.machine.node}; ${cache.machine.rounds} rounds of ${cache.machine.durationSec} s. Measured ${cache.date.slice(0, 10)}.`,
    '',
    table(rows, ceiling, 'bare node:http'),
    '',
    `- Cached hit against bare \`node:http\` writing a precomputed buffer: ${verdict(cache.ratios.hitVsCeiling, 0.85)}.`,
    `- The same with the kit's request log on (one pino line per request): ${x(cache.ratios.hitWithLogVsCeiling)}.`,
    `- Cached hit against bare Koa + @koa/router: ${verdict(cache.ratios.hitVsBareKoa, 1)}.`,
    `- Uncached route against bare Koa + @koa/router returning the object: ${verdict(by('kit, uncached') / by('bare Koa + @koa/router'), 1)}.`,
  );
  const sameWork = rows.find((r) => r.name.includes('same work'));
  if (sameWork) {
    out.push(
      `- Uncached route against bare Koa doing the same work by hand (ajv on the path parameter, fast-json-stringify): ${verdict(by('kit, uncached') / sameWork.requestsPerSec, 1)}.`,
    );
  }
  out.push('');
}

const geo = read('bench-geo.json');
if (geo) {
  out.push(
    '## The geo example against its peers',
    '',
    '`npm run bench` — the two routes below written idiomatically with each framework, all loading the same data:',
    'Fastify with response schemas and an LRU cache of serialized responses in `onRequest`/`onSend` hooks;',
    "NestJS (Express platform) with `@nestjs/cache-manager`'s `CacheInterceptor`; the kit's geo example;",
    "and bare `node:http` writing the kit's precomputed response bytes as the ceiling.",
    '"Warm" is with each cache on and filled; "cold" is with caching off, so every request runs the handler.',
    '',
    `Machine: ${geo.machine.cpu}, ${geo.machine.cores} cores, Node ${geo.machine.node}; ${geo.machine.rounds} rounds of ${geo.machine.durationSec} s. Measured ${geo.date.slice(0, 10)}.`,
    '',
    '![Requests per second, geo routes](bench-geo.svg)',
    '',
  );
  for (const [route, path] of Object.entries(geo.routes as Record<string, string>)) {
    const rows: Row[] = geo.results.filter((r: { route: string }) => r.route === route);
    const ceiling = rows.find((r) => r.name.startsWith('bare'))!.requestsPerSec;
    const s = geo.summary[route];
    out.push(
      `### \`${path}\``,
      '',
      table(rows, ceiling, 'ceiling'),
      '',
      `- Warm, kit against the ceiling: ${verdict(s.warmVsCeiling, 0.85)}.`,
      `- Warm, kit against Fastify: ${verdict(s.warmVsFastify, 1.5)}.`,
      `- Warm, kit against NestJS with its cache interceptor: ${verdict(s.warmVsNest, 5)}.`,
      `- Cold, kit against Fastify: ${x(s.coldVsFastify)}; against NestJS: ${x(s.coldVsNest)}.`,
      ...(s.warmCpuVsFastify === undefined || s.warmCpuVsFastify === null
        ? []
        : [
            `- Server CPU per warm request: Fastify spends ${x(s.warmCpuVsFastify)} the kit's, NestJS ${x(s.warmCpuVsNest)},` +
              ` bare \`node:http\` ${x(s.warmCpuVsCeiling)}.`,
          ]),
      '',
    );
  }
}

const pipelined = read('bench-geo-p10.json');
if (pipelined) {
  out.push(
    '### The same, with 10 requests in flight per connection',
    '',
    "`BENCH_PIPELINING=10 npm run bench` — pipelined, as Fastify's own benchmarks are run. autocannon then spends",
    'far less per request, so the servers rather than the load generator set the pace, and the ratios show',
    'what each framework costs. Same servers and routes as above.',
    '',
    `Machine: ${pipelined.machine.cpu}, ${pipelined.machine.cores} cores, Node ${pipelined.machine.node}; ${pipelined.machine.rounds} rounds of ${pipelined.machine.durationSec} s. Measured ${pipelined.date.slice(0, 10)}.`,
    '',
    '| route | contender | req/s | × ceiling | server CPU µs/req | failed |',
    '|---|---|---:|---:|---:|---:|',
  );
  for (const [route, path] of Object.entries(pipelined.routes as Record<string, string>)) {
    const rows: Row[] = pipelined.results.filter((r: { route: string }) => r.route === route);
    const ceiling = rows.find((r) => r.name.startsWith('bare'))!.requestsPerSec;
    for (const r of rows) {
      const cpu = r.cpuUsPerReq === undefined ? 'n/a' : r.cpuUsPerReq.toFixed(1);
      out.push(
        `| \`${path}\` | ${r.name} | ${fmt(r.requestsPerSec)} | ${x(r.requestsPerSec / ceiling)} | ${cpu} | ${r.non2xx} |`,
      );
    }
  }
  out.push('');
  for (const [route, path] of Object.entries(pipelined.routes as Record<string, string>)) {
    const s = pipelined.summary[route];
    out.push(
      `- \`${path}\`, warm: kit against the ceiling ${verdict(s.warmVsCeiling, 0.85)}; against Fastify ${verdict(s.warmVsFastify, 1.5)};` +
        ` against NestJS ${verdict(s.warmVsNest, 5)}.`,
    );
  }
  out.push('');
}

const stores = read('bench-stores.json');
if (stores) {
  const rows: Row[] = stores.rows;
  out.push(
    '## Where a hit comes from',
    '',
    '`npm run bench:stores` (needs Redis on 127.0.0.1:6379, or `REDIS_URL`) — the geo example on each store.',
    'Hits are on `/countries/ch`; misses vary the latitude of `/cities/nearby` on every request, so each one',
    'runs the handler and stores a new entry (the last row runs the same requests with caching off).',
    '',
    `Machine: ${stores.machine.cpu}, ${stores.machine.cores} cores, Node ${stores.machine.node}; Redis on loopback; ${stores.machine.rounds} rounds of ${stores.machine.durationSec} s. Measured ${stores.date.slice(0, 10)}.`,
    '',
    table(rows, rows[0]!.requestsPerSec, 'memory hit'),
    '',
  );
}

const redis = read('bench-redis.json');
if (redis) {
  const p = redis.propagation;
  out.push(
    '## Redis: invalidation across instances, and a stalled Redis',
    '',
    '`npm run bench:redis` (needs Redis on 127.0.0.1:6379 or `REDIS_URL`, and `redis-server` on the PATH).',
    'Two geo instances share one Redis, each with a first level: a city is a HIT on B, A patches it, and B is',
    'asked again until it stops serving the old entry. Then one instance runs on a redis-server of the',
    "benchmark's own, under a load of misses (each needs Redis), once with Redis answering and once with Redis",
    'frozen by SIGSTOP for 2 s.',
    '',
    `Machine: ${redis.machine.cpu}, ${redis.machine.cores} cores, Node ${redis.machine.node}; Redis on loopback. Measured ${redis.date.slice(0, 10)}.`,
    '',
    `- Invalidation on A reaches B's first level (${p.trials} cities): median ${p.medianMs.toFixed(1)} ms, p95 ${p.p95Ms.toFixed(1)} ms,` +
      ` max ${p.maxMs.toFixed(1)} ms; ${p.maxMs < 100 ? 'within' : '**not within**'} the 100 ms the store promises on loopback.`,
    '',
    '| load of misses, 20 connections, 5 s | requests | failed | BYPASS | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const run of redis.stalls) {
    out.push(
      `| ${run.name} | ${fmt(run.requests)} | ${run.failed} | ${fmt(run.bypassed)} | ${run.p99Ms} | ${run.maxMs} |`,
    );
  }
  out.push(
    '',
    `- The store's time budget is ${redis.budgetMs} ms per operation. The slowest answer while Redis was frozen also`,
    "  holds the handler's own time and any wait in the server's queue; compare it with the slowest answer while",
    '  Redis was answering. Once the budget has failed a few times the breaker opens and requests bypass',
    '  Redis without waiting at all.',
    '',
  );
}

const memory = read('bench-memory.json');
if (memory) {
  out.push(
    '## Memory against key count',
    '',
    '`npm run bench:memory` — the kit with one cached route, `/records/:id`, whose every id is a new entry',
    `(a body of about ${memory.runs[0]?.bodyBytes ?? 1000} bytes and two tags), on a memory store of each budget below. Each step sends`,
    'more distinct ids (every one a miss that runs the handler and stores), then the server collects garbage',
    '(`--expose-gc`) and reports its memory. "Growth" is V8 heap plus external memory (where `Buffer` bodies',
    'live) over the same reading before the first step.',
    '',
    `Machine: ${memory.machine.cpu}, ${memory.machine.cores} cores, Node ${memory.machine.node}. Measured ${memory.date.slice(0, 10)}.`,
    '',
    '| maxBytes | distinct keys sent | entries held | store bytes (accounted) | heap + external growth | RSS |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const run of memory.runs) {
    for (const step of run.steps) {
      out.push(
        `| ${run.budget} | ${fmt(step.keys)} | ${fmt(step.storeEntries)} | ${step.storeMb.toFixed(1)} MB | ${(Math.abs(step.growthMb) < 0.05 ? 0 : step.growthMb).toFixed(1)} MB | ${fmt(step.rssMb)} MB |`,
      );
    }
  }
  const worst = Math.max(
    ...memory.runs.map((run: { maxBytesMb: number; steps: Array<{ growthMb: number }> }) =>
      Math.max(...run.steps.map((step) => step.growthMb / run.maxBytesMb)),
    ),
  );
  out.push(
    '',
    `- Heap and external memory level off at the budget, whatever the number of keys: at most ${x(worst)} \`maxBytes\` at any step.`,
    "  The growth includes the front door's URL memo (`frontDoorBytes`, 4 MB by default), which is",
    '  counted apart from `maxBytes`.',
    '- RSS grows further than the heap, and keeps creeping up with churn after the store is full: V8 and the',
    `  allocator keep pages they have used (here ${memory.runs.map((run: { budget: string; steps: Array<{ rssMb: number }> }) => `${fmt(run.steps.at(-1)!.rssMb)} MB for ${run.budget}`).join(', ')} after the last step).`,
    '  Leave room for that when you size a container.',
    '',
  );
}

const serializer = read('bench-serializer.json');
if (serializer) {
  out.push(
    '## Serializers',
    '',
    '`npm run bench:serializer` — tinybench, in one process: `schemaSerializer()` (fast-json-stringify, compiled from the response schema) against `JSON.stringify`.',
    '',
    `Machine: ${serializer.cpu}, Node ${serializer.node}; ${serializer.method}. Measured ${serializer.date.slice(0, 10)}.`,
    '',
    '| case | JSON.stringify ops/s | schema serializer ops/s | schema ÷ JSON |',
    '|---|---:|---:|---:|',
  );
  for (const r of serializer.results) {
    out.push(
      `| ${r.case} | ${fmt(r.jsonStringify.ops)} | ${fmt(r.schemaSerializer.ops)} | ${x(r.ratioSchemaToJson.ops)} (${x(r.ratioSchemaToJson.min)}–${x(r.ratioSchemaToJson.max)}) |`,
    );
  }
  out.push(
    '',
    'Most of the gain comes from the `Date` fields (`createdAt`): `JSON.stringify` calls `Date#toJSON()`,',
    'fast-json-stringify writes the ISO string directly. With dates already strings, the list is about as fast',
    'either way. Where fast-json-stringify is slower than `JSON.stringify` (long arrays of numbers,',
    "`additionalProperties: true`), see [the serializer's README](../packages/serializer/README.md).",
    '',
  );
}

/** Server CPU per warm request of `server` on `route`, from the given geo run. */
function warmCpu(
  run: { results: Array<Row & { route: string; mode: string; server: string }> } | undefined,
  route: 'country' | 'nearby',
  server: string,
): number | undefined {
  return run?.results.find((r) => r.route === route && r.mode === 'warm' && r.server === server)
    ?.cpuUsPerReq;
}
const cpuRun = pipelined ?? geo;
const [kitCpu, bareCpu, fastifyCpu] = [
  'fastjson-api',
  'bare node:http (ceiling)',
  'Fastify + LRU hook',
].map((server) => warmCpu(cpuRun, 'country', server));
const nearbyCpu = (server: string) => warmCpu(cpuRun, 'nearby', server);
const cpuLine =
  kitCpu !== undefined && bareCpu !== undefined && fastifyCpu !== undefined
    ? [
        `- **A hit costs about what \`node:http\` costs, and so does Fastify's.** Server CPU per warm request in the`,
        `  ${pipelined ? 'pipelined' : 'default'} run: on \`/countries/ch\`, the kit ${kitCpu.toFixed(1)} µs, bare \`node:http\` writing the kit's`,
        `  body with two headers ${bareCpu.toFixed(1)} µs, Fastify's LRU hook ${fastifyCpu.toFixed(1)} µs; on the larger \`/cities/nearby\` body, the kit`,
        `  ${nearbyCpu('fastjson-api')?.toFixed(1)} µs and Fastify ${nearbyCpu('Fastify + LRU hook')?.toFixed(1)} µs. Fastify's hook sends three headers where the kit sends seven`,
        "  (`ETag`, `Age`, `Cache-Control` and `Vary` are on every cached answer of the kit), and on a small body Node's",
        "  header work is most of the cost; on a larger one, the kit writes stored bytes where Fastify's hook",
        '  has Node encode a string on every hit. A framework on `node:http` cannot cost much less than',
        '  `node:http` itself, and Fastify adds little to it: the **1.5× Fastify target is not met**, and we',
        '  know no way to meet it without leaving `node:http` for an HTTP parser of our own, which we have',
        '  not written.',
      ]
    : [];

out.push(
  '## Reading the figures',
  '',
  ...cpuLine,
  "- **Request logging costs a quarter to a third of a hit's throughput**: one pino line per request is more",
  '  work than answering the hit. Logs go to a file or a pipe; measure with your own transport.',
  "- **Cold routes are Koa's speed.** An uncached route runs Koa, @koa/router, ajv and the handler; it",
  '  is as fast as bare Koa doing the same work, within the noise of these runs, and costs some 10 µs',
  "  more per request than Fastify (Koa, its router and Node's querystring against find-my-way and",
  '  fast-querystring, in CPU profiles of `/cities/nearby`).',
  '- **NestJS** with its cache interceptor is an order of magnitude slower on every route here: its',
  '  interceptor still runs the Express stack, the guards, the pipes and the JSON serialization on a hit.',
  '',
);

writeFileSync(new URL('benchmarks.md', docs), out.join('\n') + '\n');
console.log('wrote docs/benchmarks.md');
