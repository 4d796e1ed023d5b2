import { responseCache, type ResponseCacheOptions } from '@fastjson-api/cache';
import type { Plugin } from '@fastjson-api/core';
import { resolveStoreOptions, type RedisStoreOptions } from './options.js';
import { RedisStore } from './redis-store.js';

/** Options of `redisCache()`: the store's (see {@link RedisStoreOptions}) plus the plugin's. */
export type RedisCacheOptions = Omit<RedisStoreOptions, 'clock'> & ResponseCacheOptions;

const STORE_OPTIONS = new Set<string>([
  'url',
  'client',
  'cluster',
  'redisOptions',
  'keyPrefix',
  'l1',
  'fillLock',
  'timeoutMs',
  'connectTimeoutMs',
  'breaker',
  'maxPendingInvalidations',
  'onError',
  'logger',
] satisfies (keyof RedisCacheOptions)[]);

/**
 * The response cache on Redis, shared by every instance of the app, with an
 * optional in-process first level kept in step through Redis pub/sub.
 * Options are checked here, once; the connection opens when the app starts
 * and closes with it. If Redis is down, the app starts all the same and
 * answers from its handlers (`X-Cache: BYPASS`) until Redis is back.
 *
 * @example
 * ```ts
 * createApp({
 *   controllers: [CityController],
 *   plugins: [
 *     koaTransport(),
 *     redisCache({ url: process.env.REDIS_URL, keyPrefix: 'geo', l1: { ttl: '2s' } }),
 *   ],
 * });
 * ```
 */
export function redisCache(options: RedisCacheOptions = {}): Plugin {
  const storeOptions: Record<string, unknown> = {};
  const pluginOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    (STORE_OPTIONS.has(name) ? storeOptions : pluginOptions)[name] = value;
  }
  const store = storeOptions as RedisStoreOptions;
  resolveStoreOptions(store, 'redisCache');

  return responseCache(
    (clock, logger) => new RedisStore({ ...store, clock, logger: store.logger ?? logger }),
    pluginOptions as ResponseCacheOptions,
  );
}
