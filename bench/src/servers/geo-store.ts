// The geo example on one store: STORE=memory | redis | redis-l1 | off.
import { buildGeoApp } from '@fastjson-api/example-geo-api/app';
import { ready } from './ready.js';

const store = process.env.STORE ?? 'memory';
const { app } = await buildGeoApp({
  logger: false,
  cache: store.startsWith('redis') ? 'redis' : 'memory',
  cacheEnabled: store !== 'off',
  redisUrl: process.env.REDIS_URL,
  redisFirstLevel: store === 'redis-l1',
  // Instances that share a prefix share their entries, as replicas of one service do.
  redisKeyPrefix: process.env.REDIS_PREFIX ?? `bench-${process.pid}`,
});
await app.listen(Number(process.env.PORT), '127.0.0.1');
ready({ address: () => app.address! });
