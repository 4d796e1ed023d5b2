import type { Plugin } from '@fastjson-api/core';
import { memoryCache } from '@fastjson-api/cache';
import { SERVICE_NAME, type Config } from './config.js';

/**
 * The cache plugin `CACHE` asks for. The Redis store is imported only when it
 * is used, so a service on the memory cache never loads a Redis client.
 */
export async function createCache(config: Config): Promise<Plugin> {
  if (config.cache === 'redis') {
    const { redisCache } = await import('@fastjson-api/cache-redis');
    // Services that share one Redis keep apart by their prefix; instances of one service share it.
    return redisCache({ url: config.redisUrl, keyPrefix: SERVICE_NAME });
  }
  return memoryCache({ maxBytes: '64mb' });
}
