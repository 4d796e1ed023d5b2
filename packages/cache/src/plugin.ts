import {
  parseBytes,
  type Clock,
  type CompiledRoute,
  type FrontDoor,
  type Interceptor,
  type InvalidatesSpec,
  type Plugin,
  type PluginContext,
} from '@fastjson-api/core';
import type { Logger } from 'pino';
import type { CompressionOptions } from './encoding.js';
import { createFrontDoor } from './front-door.js';
import { EntryResponder } from './respond.js';
import { RouteCache } from './route-cache.js';
import { CacheRuntime } from './runtime.js';
import { CacheService } from './service.js';
import { CacheStats } from './stats.js';
import type { CacheStore } from './store/types.js';

export interface ResponseCacheOptions {
  /** Compressed forms of stored bodies; see `CompressionOptions`. */
  compression?: CompressionOptions;
  /**
   * Answer fresh hits before routing (default true). Off, every request takes
   * the full path through the transport and the router: slower, same answers.
   */
  frontDoor?: boolean;
  /**
   * `false` turns response caching off: `@Cached` routes run their handler on
   * every request, `@Invalidates` still invalidates, `CacheService` still
   * works. For measuring the uncached path, or for debugging. Default true.
   */
  enabled?: boolean;
  /** How many distinct URLs the front door remembers the key of. Default 10 000. */
  frontDoorUrls?: number;
  /**
   * Memory the front door's URL memo may take, in bytes or as `'4mb'`,
   * whatever the URLs' lengths; counted apart from the store's budget.
   * Default `'4mb'`.
   */
  frontDoorBytes?: number | string;
}

/**
 * A store, or a function that builds one at app startup with the app's clock
 * and logger (a store logs its own state changes there, e.g. a lost server).
 */
export type StoreSource = CacheStore | ((clock: Clock, logger: Logger) => CacheStore);

/**
 * The response cache plugin over any store. `memoryCache()` is this with a
 * memory store; `@fastjson-api/cache-redis` gives a Redis one.
 */
export function responseCache(store: StoreSource, options: ResponseCacheOptions = {}): Plugin {
  return new ResponseCachePlugin(store, options);
}

class ResponseCachePlugin implements Plugin {
  readonly name = 'response-cache';
  readonly kind = 'cache' as const;
  readonly #storeSource: StoreSource;
  readonly #options: ResponseCacheOptions;
  readonly #routes = new Map<CompiledRoute, RouteCache>();
  #runtime: CacheRuntime | undefined;

  readonly #memoBytes: number;

  constructor(store: StoreSource, options: ResponseCacheOptions) {
    this.#storeSource = store;
    this.#options = options;
    this.#memoBytes = memoBytes(options.frontDoorBytes);
  }

  setup(context: PluginContext): void {
    const store =
      typeof this.#storeSource === 'function'
        ? this.#storeSource(context.clock, context.logger)
        : this.#storeSource;
    const compression = {
      threshold: this.#options.compression?.threshold ?? 1024,
      brotliQuality: this.#options.compression?.brotliQuality ?? 5,
      gzipLevel: this.#options.compression?.gzipLevel ?? 6,
    };
    const responder = new EntryResponder(compression, (key, entry, coding, bytes) => {
      void Promise.resolve(store.addEncoding(key, entry.etag, coding, bytes)).catch(
        () => undefined,
      );
    });
    const runtime = new CacheRuntime({
      store,
      clock: context.clock,
      stats: new CacheStats(),
      responder,
      logger: context.logger,
      memoSize: this.#options.frontDoorUrls ?? 10_000,
      memoBytes: this.#memoBytes,
    });
    this.#runtime = runtime;

    for (const route of context.routes) {
      if (route.cache && this.#options.enabled !== false)
        this.#routes.set(route, new RouteCache(route, route.cache, runtime));
    }
    context.provide(CacheService, new CacheService(runtime));
  }

  intercept(route: CompiledRoute): Interceptor | undefined {
    const cached = this.#routes.get(route)?.interceptor();
    const invalidating = route.invalidates && this.#invalidator(route, route.invalidates);
    if (cached && invalidating) return (ctx, next) => cached(ctx, () => invalidating(ctx, next));
    return cached ?? invalidating;
  }

  frontDoor(): FrontDoor | undefined {
    if (this.#options.frontDoor === false || this.#routes.size === 0) return undefined;
    return createFrontDoor(this.#runtime!);
  }

  async close(): Promise<void> {
    await this.#runtime?.store.close?.();
  }

  /** Applies `@Invalidates` after a 2xx, before the reply goes back to the transport. */
  #invalidator(route: CompiledRoute, spec: InvalidatesSpec): Interceptor {
    const runtime = this.#runtime!;
    return async (ctx, next) => {
      const reply = await next();
      if (reply.status < 200 || reply.status >= 300) return reply;
      try {
        const tags = typeof spec === 'function' ? spec(ctx, ctx.result) : spec;
        await runtime.invalidate(tags);
      } catch (error) {
        ctx.log.error(
          { err: error, route: route.id },
          'cache invalidation failed; entries may be stale until they expire',
        );
      }
      return reply;
    };
  }
}

function memoBytes(option: number | string | undefined): number {
  const bytes = parseBytes(option ?? '4mb');
  if (bytes === undefined || bytes < 1) {
    throw new TypeError(
      `responseCache: frontDoorBytes must be a byte count or a size like '4mb'; got ${JSON.stringify(option)}`,
    );
  }
  return bytes;
}
