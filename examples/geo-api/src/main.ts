import { buildGeoApp } from './app.js';

const cache = process.env.CACHE === 'redis' ? 'redis' : 'memory';
const { app, repository } = await buildGeoApp({ cache, redisUrl: process.env.REDIS_URL });
app.logger.info({ ...repository.stats }, 'geo data loaded');

const address = await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
app.logger.info({ cache, url: `http://${address.address}:${address.port}` }, 'geo API listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}
