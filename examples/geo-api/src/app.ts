import { createApp, type App, type Plugin } from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';
import { memoryCache } from '@fastjson-api/cache';
import { schemaSerializer } from '@fastjson-api/serializer';
import type { Clock } from '@fastjson-api/core';
import type { LoggerOptions } from 'pino';
import { GeoRepository } from './data/index.js';
import { CitiesController } from './http/cities.controller.js';
import { CountriesController } from './http/countries.controller.js';
import { HealthController } from './http/health.controller.js';

export interface GeoConfig {
  /** `'memory'` (default) or `'redis'`. */
  cache?: 'memory' | 'redis';
  redisUrl?: string;
  /** Redis only: keep an in-process first level in front of Redis. Default true. */
  redisFirstLevel?: boolean;
  /** Redis only: key prefix, so that several apps can share one Redis. Default `'geo'`. */
  redisKeyPrefix?: string;
  /** `false` runs every request through its handler (for measuring the uncached path). Default true. */
  cacheEnabled?: boolean;
  /** Byte budget of the memory cache. Default 128 MB. */
  cacheMaxBytes?: string | number;
  logger?: LoggerOptions | false;
  clock?: Clock;
  /** An already loaded repository, so that tests share one load. */
  repository?: GeoRepository;
}

/** Builds the geo API: loads the data, then composes the kit's plugins. */
export async function buildGeoApp(
  config: GeoConfig = {},
): Promise<{ app: App; repository: GeoRepository }> {
  const repository = config.repository ?? new GeoRepository();
  const app = createApp({
    controllers: [HealthController, CountriesController, CitiesController],
    providers: [{ provide: GeoRepository, useValue: repository }],
    plugins: [koaTransport(), await cachePlugin(config), schemaSerializer()],
    logger: config.logger,
    clock: config.clock,
    openapi: {
      title: 'Geo API',
      version: '0.1.0',
      description:
        'Countries and cities (GeoNames, population 1,000 or more), cached with fastjson-api.',
    },
  });
  return { app, repository };
}

async function cachePlugin(config: GeoConfig): Promise<Plugin> {
  if (config.cache !== 'redis') {
    return memoryCache({ maxBytes: config.cacheMaxBytes ?? '128mb', enabled: config.cacheEnabled });
  }

  // Loaded only when asked for, so that the memory setup needs no Redis client.
  const { redisCache } = await import('@fastjson-api/cache-redis');
  return redisCache({
    url: config.redisUrl ?? 'redis://127.0.0.1:6379',
    keyPrefix: config.redisKeyPrefix ?? 'geo',
    l1: config.redisFirstLevel === false ? false : { maxBytes: '32mb', ttl: '5s' },
  });
}
