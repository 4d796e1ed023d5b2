// The geo example against its peers, in one run: npm run bench
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine, measureAll, pinSelf, table, type Contender, type Measured } from './harness.js';
import { GEO_ROUTES } from './geo-routes.js';
import { barChart } from './chart.js';

const servers = [
  { name: 'bare node:http (ceiling)', script: 'geo-bare.js', cached: true },
  { name: 'fastjson-api', script: 'geo-kit.js', cached: true },
  { name: 'Fastify + LRU hook', script: 'geo-fastify.js', cached: true },
  { name: 'NestJS + CacheInterceptor', script: 'geo-nest.js', cached: true },
  { name: 'fastjson-api', script: 'geo-kit.js', cached: false },
  { name: 'Fastify + LRU hook', script: 'geo-fastify.js', cached: false },
  { name: 'NestJS + CacheInterceptor', script: 'geo-nest.js', cached: false },
];

pinSelf();
const plan: Array<{ contender: Contender; route: string; mode: string; server: string }> = [];
for (const [route, path] of Object.entries(GEO_ROUTES)) {
  for (const server of servers) {
    const mode = server.cached ? 'warm' : 'cold';
    const contender: Contender = {
      name: `${server.name} (${mode})`,
      script: server.script,
      path,
      warmup: server.cached ? 10 : 0,
      env: { CACHE: server.cached ? 'on' : 'off' },
    };
    plan.push({ contender, route, mode, server: server.name });
  }
}
const measured = await measureAll(plan.map((p) => p.contender));
const results: Array<Measured & { route: string; mode: string; server: string }> = measured.map(
  (m, i) => ({
    ...m,
    route: plan[i]!.route,
    mode: plan[i]!.mode,
    server: plan[i]!.server,
  }),
);

const summary: Record<string, Record<string, number>> = {};
for (const route of Object.keys(GEO_ROUTES)) {
  const rows = results.filter((r) => r.route === route);
  const ceiling = rows.find((r) => r.server.startsWith('bare'))!.requestsPerSec;
  const row = (server: string, mode: string) =>
    rows.find((r) => r.server === server && r.mode === mode)!;
  const rps = (server: string, mode: string) => row(server, mode).requestsPerSec;
  // How much less CPU a request costs the kit than the peer: their µs over ours.
  const cpuAdvantage = (server: string, mode: string) =>
    (row(server, mode).cpuUsPerReq ?? NaN) / (row('fastjson-api', mode).cpuUsPerReq ?? NaN);
  console.log(`\n### ${route}: \`${GEO_ROUTES[route as keyof typeof GEO_ROUTES]}\`\n`);
  console.log(table(rows, ceiling));
  summary[route] = {
    warmVsCeiling: rps('fastjson-api', 'warm') / ceiling,
    warmVsFastify: rps('fastjson-api', 'warm') / rps('Fastify + LRU hook', 'warm'),
    warmVsNest: rps('fastjson-api', 'warm') / rps('NestJS + CacheInterceptor', 'warm'),
    coldVsFastify: rps('fastjson-api', 'cold') / rps('Fastify + LRU hook', 'cold'),
    coldVsNest: rps('fastjson-api', 'cold') / rps('NestJS + CacheInterceptor', 'cold'),
    warmCpuVsCeiling: cpuAdvantage('bare node:http (ceiling)', 'warm'),
    warmCpuVsFastify: cpuAdvantage('Fastify + LRU hook', 'warm'),
    warmCpuVsNest: cpuAdvantage('NestJS + CacheInterceptor', 'warm'),
  };
}
console.log('\nratios', JSON.stringify(summary, null, 2));

const docs = new URL('../../docs/', import.meta.url);
mkdirSync(docs, { recursive: true });
const run = machine();
// A pipelined run (BENCH_PIPELINING=10) is kept beside the default one, not over it.
const name = run.pipelining > 1 ? `bench-geo-p${run.pipelining}` : 'bench-geo';
writeFileSync(
  new URL(`${name}.json`, docs),
  JSON.stringify(
    { date: new Date().toISOString(), machine: run, routes: GEO_ROUTES, results, summary },
    null,
    2,
  ) + '\n',
);
if (run.pipelining === 1) writeFileSync(new URL('bench-geo.svg', docs), barChart(results));
