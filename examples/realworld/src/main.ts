import { fileURLToPath } from 'node:url';
import { buildRealworldApp } from './app.js';

/**
 * Runs the API: `node examples/realworld/dist/src/main.js` after
 * `npm run build`. PORT (3001), HOST (127.0.0.1), DATABASE (a file beside
 * the example) and JWT_SECRET configure it.
 */
const DEV_SECRET = 'conduit-dev-secret-do-not-use-in-production';
const defaultDatabase = fileURLToPath(new URL('../../realworld.sqlite', import.meta.url));

const database = process.env.DATABASE ?? defaultDatabase;
const jwtSecret = process.env.JWT_SECRET ?? DEV_SECRET;
const { app } = buildRealworldApp({ database, jwtSecret });
if (jwtSecret === DEV_SECRET) {
  app.logger.warn('JWT_SECRET is not set: tokens are signed with the public dev secret');
}

const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
const address = await app.listen(port, host).catch(async (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EADDRINUSE') throw error;
  console.error(`Cannot start: port ${port} on ${host} is in use; set PORT to another port.`);
  await app.close();
  process.exit(1);
});
const url = `http://${address.address}:${address.port}/api`;
app.logger.info({ database, url }, 'conduit listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.logger.info({ signal }, 'shutting down');
    void app.close().then(() => process.exit(0));
  });
}
