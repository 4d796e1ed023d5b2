// The cache hit path against its peers, in one run: npm run bench:cache
import { writeFileSync, mkdirSync } from 'node:fs';
import { machine, measureAll, pinSelf, table, type Contender } from './harness.js';

const contenders: Contender[] = [
  { name: 'bare node:http, precomputed buffer (ceiling)', script: 'bare-http.js', path: '/item/1' },
  { name: 'kit, cached hit', script: 'kit.js', path: '/item/1', warmup: 10 },
  {
    name: 'kit, cached hit, request log on',
    script: 'kit.js',
    path: '/item/1',
    warmup: 10,
    env: { LOG: '1' },
  },
  { name: 'bare Koa + @koa/router', script: 'bare-koa.js', path: '/item/1' },
  {
    name: 'bare Koa + @koa/router + ajv + fast-json-stringify (same work)',
    script: 'bare-koa-validated.js',
    path: '/item/1',
  },
  { name: 'kit, uncached', script: 'kit.js', path: '/uncached/1' },
];

pinSelf();
const rows = await measureAll(contenders);
const ceiling = rows[0]!.requestsPerSec;
console.log(table(rows, ceiling));

const by = (name: string) => rows.find((r) => r.name === name)!.requestsPerSec;
const ratios = {
  hitVsCeiling: by('kit, cached hit') / ceiling,
  hitWithLogVsCeiling: by('kit, cached hit, request log on') / ceiling,
  hitVsBareKoa: by('kit, cached hit') / by('bare Koa + @koa/router'),
  uncachedVsBareKoa: by('kit, uncached') / by('bare Koa + @koa/router'),
  uncachedVsBareKoaSameWork:
    by('kit, uncached') / by('bare Koa + @koa/router + ajv + fast-json-stringify (same work)'),
};
console.log(
  Object.entries(ratios)
    .map(([k, v]) => `${k}: ${v.toFixed(2)}`)
    .join('\n'),
);

mkdirSync(new URL('../../docs/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../../docs/bench-cache.json', import.meta.url),
  JSON.stringify({ date: new Date().toISOString(), machine: machine(), rows, ratios }, null, 2) +
    '\n',
);
