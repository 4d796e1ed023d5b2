import { buildGeoApp } from './app.js';

const cache = process.env.CACHE === 'redis' ? 'redis' : 'memory';
const { app, repository } = await buildGeoApp({ cache, redisUrl: process.env.REDIS_URL });
app.logger.info({ ...repository.stats }, 'geo data loaded');

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const address = await app.listen(port, host).catch(async (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(
    `Cannot start: port ${port} on ${host} is already in use; stop what uses it or set PORT to another port.`,
  );
  await app.close();
  process.exit(1);
});
app.logger.info({ cache, url: `http://${address.address}:${address.port}` }, 'geo API listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}
