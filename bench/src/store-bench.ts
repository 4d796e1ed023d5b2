// Where a hit comes from, in one run: memory, Redis's first level, Redis
// itself, and a miss on every request. npm run bench:stores (needs Redis on
// 127.0.0.1:6379 or REDIS_URL).
import { mkdirSync, writeFileSync } from 'node:fs';
import { machine, measureAll, pinSelf, table, type Contender } from './harness.js';
import { GEO_ROUTES } from './geo-routes.js';

const contenders: Contender[] = [
  {
    name: 'memory store, hit',
    script: 'geo-store.js',
    path: GEO_ROUTES.country,
    env: { STORE: 'memory' },
    warmup: 10,
  },
  {
    name: 'Redis with first level, first-level hit',
    script: 'geo-store.js',
    path: GEO_ROUTES.country,
    env: { STORE: 'redis-l1' },
    warmup: 10,
  },
  {
    name: 'Redis without first level, Redis hit',
    script: 'geo-store.js',
    path: GEO_ROUTES.country,
    env: { STORE: 'redis' },
    warmup: 10,
  },
  {
    name: 'memory store, miss (new key each request)',
    script: 'geo-store.js',
    path: GEO_ROUTES.nearby,
    env: { STORE: 'memory' },
    distinct: true,
  },
  {
    name: 'Redis, miss (new key each request)',
    script: 'geo-store.js',
    path: GEO_ROUTES.nearby,
    env: { STORE: 'redis' },
    distinct: true,
  },
  {
    name: 'cache off (handler every request, same distinct URLs)',
    script: 'geo-store.js',
    path: GEO_ROUTES.nearby,
    env: { STORE: 'off' },
    distinct: true,
  },
];

pinSelf();
const rows = await measureAll(contenders);
const ceiling = rows[0]!.requestsPerSec;
console.log(table(rows, ceiling).replace('× ceiling', '× memory hit'));

mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../docs/bench-stores.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), machine: machine(), rows }, null, 2) + '\n',
);
