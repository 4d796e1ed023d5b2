/**
 * @module @fastjson-api/cache
 * The response cache plugin: keys, HTTP caching semantics, tags, single
 * flight, and the in-process memory store.
 */
export { responseCache } from './plugin.js';
export type { ResponseCacheOptions, StoreSource } from './plugin.js';
export { memoryCache } from './memory.js';
export type { MemoryCacheOptions } from './memory.js';
export { CacheService } from './service.js';
export type { CacheHealth, CacheSetOptions, CacheStatsSnapshot } from './service.js';
export type { CacheCounters } from './stats.js';
export type { CompressionOptions } from './encoding.js';
export type {
  CacheEntry,
  CacheStore,
  StoreHealth,
  StoreStats,
  ContentCoding,
} from './store/types.js';
export { MemoryStore } from './store/memory-store.js';
export { canonicalQuery, baseKey, varyPart } from './keys/index.js';
