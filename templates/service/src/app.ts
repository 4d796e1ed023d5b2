import { createApp, type App } from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';
import { schemaSerializer } from '@fastjson-api/serializer';
import { createCache } from './cache.js';
import { SERVICE_NAME, type Config } from './config.js';
import { controllers } from './controllers.js';

/**
 * Builds the service without starting it: `main.ts` listens on the
 * configured port, tests listen on a free one.
 *
 * @example
 * const app = await buildApp(loadConfig());
 * await app.listen(0, '127.0.0.1');
 */
export async function buildApp(config: Config): Promise<App> {
  return createApp({
    controllers,
    plugins: [koaTransport(), await createCache(config), schemaSerializer()],
    logger: { name: SERVICE_NAME, level: config.logLevel },
  });
}
