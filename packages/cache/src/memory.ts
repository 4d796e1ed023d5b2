import type { Plugin } from '@fastjson-api/core';
import { responseCache, type ResponseCacheOptions } from './plugin.js';
import { MemoryStore, type MemoryStoreOptions } from './store/memory-store.js';

/** Options of `memoryCache()`: the store's budget plus the plugin's options. */
export type MemoryCacheOptions = Omit<MemoryStoreOptions, 'clock'> & ResponseCacheOptions;

/**
 * The response cache on an in-process memory store: the default for one
 * instance. Memory stays within `maxBytes` whatever the number of keys.
 *
 * @example
 * createApp({ controllers, plugins: [koaTransport(), memoryCache({ maxBytes: '256mb' })] });
 */
export function memoryCache(options: MemoryCacheOptions = {}): Plugin {
  const { maxBytes, maxEntries, ...pluginOptions } = options;
  return responseCache((clock) => new MemoryStore({ maxBytes, maxEntries, clock }), pluginOptions);
}
