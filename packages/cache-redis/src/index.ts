/**
 * @module @fastjson-api/cache-redis
 * A Redis (or Redis Cluster) store for the fastjson-api response cache:
 * entries shared by every instance, tag invalidation that reaches all of
 * them, an optional in-process first level, and a cache that steps aside,
 * never failing a request, when Redis is down or slow.
 */
export { redisCache } from './redis-cache.js';
export type { RedisCacheOptions } from './redis-cache.js';
export { RedisStore } from './redis-store.js';
export type {
  BreakerOptions,
  FillLockOptions,
  FirstLevelOptions,
  RedisStoreOptions,
} from './options.js';
export { RedisCacheError, RedisCacheErrorCodes } from './errors.js';
export type { RedisCacheErrorCode } from './errors.js';
export { FORMAT_VERSION } from './codec.js';
