// Micro benchmark: schemaSerializer() (fast-json-stringify) against JSON.stringify.
//
// Run from the repo root, after a build:
//   npx tsc -b packages/serializer && node bench/serializer.js
//
// Prints a table of ops/s (median over rounds) and the ratio schema / JSON, and
// writes the figures to docs/bench-serializer.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { Bench } from 'tinybench';
import fjsModule from 'fast-json-stringify';
import { schemaSerializer } from '../packages/serializer/dist/src/index.js';

const buildStringify = fjsModule.default ?? fjsModule;
const OUT = new URL('../docs/bench-serializer.json', import.meta.url);

const Product = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    price: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time' },
    active: { type: 'boolean' },
  },
  required: ['id', 'name', 'price', 'tags', 'createdAt', 'active'],
};
const ProductList = { type: 'array', items: Product };

function product(i) {
  return {
    id: i + 1,
    name: `Product ${i + 1}`,
    price: Math.round((9.99 + i * 1.25) * 100) / 100,
    tags: ['new', 'sale', `group-${i % 5}`],
    createdAt: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000),
    active: i % 3 !== 0,
  };
}

/** The same row as an ORM would hand it over: columns the schema does not declare. */
function productRow(i) {
  return { ...product(i), passwordHash: 'x'.repeat(40), updatedAt: new Date(), meta: { rev: i } };
}

const cases = [
  {
    name: 'list of 50 products',
    schema: ProductList,
    value: Array.from({ length: 50 }, (_, i) => product(i)),
  },
  { name: 'one small product', schema: Product, value: product(0) },
  {
    name: 'list of 50 rows with 3 undeclared columns',
    schema: ProductList,
    value: Array.from({ length: 50 }, (_, i) => productRow(i)),
    // JSON.stringify writes the extra columns too: not the same body, listed for scale.
    differentBody: true,
  },
];

// Calls per task iteration: one timer read around a sub-microsecond call would
// measure the timer more than the serializer.
const BATCH = 200;
const ROUNDS = 7;
const ROUND_MS = 400;
let sink = 0;

function batched(write, value) {
  return () => {
    for (let i = 0; i < BATCH; i++) sink += write(value).length;
  };
}

function opsPerSecond(task) {
  return (BATCH * 1000) / task.result.period;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summary(values) {
  return { ops: median(values), min: Math.min(...values), max: Math.max(...values) };
}

async function runCase({ name, schema, value, differentBody = false }) {
  const route = { id: 'GET /bench', schema: { response: { 200: schema } } };
  const viaPlugin = schemaSerializer().compile(route);
  const direct = buildStringify(schema);
  const bySchema = (v) => viaPlugin(v, 200);

  if (!differentBody && bySchema(value) !== JSON.stringify(value)) {
    throw new Error(
      `${name}: the two serializers wrote different bodies; the comparison would be unfair`,
    );
  }

  const tasks = {
    'JSON.stringify': batched(JSON.stringify, value),
    schemaSerializer: batched(bySchema, value),
    'fast-json-stringify direct': batched(direct, value),
  };
  const runs = { 'JSON.stringify': [], schemaSerializer: [], 'fast-json-stringify direct': [] };
  const ratios = [];

  // Short rounds, each running every task, so that a burst of load on the
  // machine hits all of them alike; the ratio is taken within each round.
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ name, time: ROUND_MS, warmupTime: 100 });
    for (const [label, fn] of Object.entries(tasks)) bench.add(label, fn);
    await bench.run();
    const ops = Object.fromEntries(bench.tasks.map((task) => [task.name, opsPerSecond(task)]));
    for (const label of Object.keys(runs)) runs[label].push(ops[label]);
    ratios.push(ops.schemaSerializer / ops['JSON.stringify']);
  }

  return {
    case: name,
    bodyBytes: {
      json: Buffer.byteLength(JSON.stringify(value)),
      schema: Buffer.byteLength(bySchema(value)),
    },
    jsonStringify: summary(runs['JSON.stringify']),
    schemaSerializer: summary(runs.schemaSerializer),
    fastJsonStringifyDirect: summary(runs['fast-json-stringify direct']),
    ratioSchemaToJson: summary(ratios),
  };
}

/** Reads the version from the package.json above a package's entry (tinybench does not export it). */
function packageVersion(name) {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    if (pkg.name === name) return pkg.version;
  }
  return 'unknown';
}

const results = [];
for (const testCase of cases) results.push(await runCase(testCase));

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.table(
  results.map((r) => ({
    case: r.case,
    'JSON.stringify ops/s': fmt(r.jsonStringify.ops),
    'schemaSerializer ops/s': fmt(r.schemaSerializer.ops),
    'fjs direct ops/s': fmt(r.fastJsonStringifyDirect.ops),
    'schema / JSON': r.ratioSchemaToJson.ops.toFixed(2),
    'ratio min-max': `${r.ratioSchemaToJson.min.toFixed(2)}-${r.ratioSchemaToJson.max.toFixed(2)}`,
  })),
);

const report = {
  date: new Date().toISOString(),
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.arch()}`,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  fastJsonStringify: packageVersion('fast-json-stringify'),
  tinybench: packageVersion('tinybench'),
  method:
    `tinybench; ${ROUNDS} rounds of ${ROUND_MS} ms per task, ${BATCH} calls per iteration; ` +
    'ops/s = calls / mean time; figures are the median over rounds, ratios taken within each round',
  results,
};
mkdirSync(new URL('.', OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written to docs/bench-serializer.json (sink ${sink > 0 ? 'ok' : 'empty'})`);
