/**
 * @module
 * Stores for cached responses: the contract and the in-process store.
 */
export { MemoryStore } from './memory-store.js';
export type { MemoryStoreOptions } from './memory-store.js';
export type { CacheEntry, CacheStore, ContentCoding, StoreHealth, StoreStats } from './types.js';
