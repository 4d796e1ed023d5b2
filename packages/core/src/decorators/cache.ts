import {
  setCachedMeta,
  setInvalidatesMeta,
  type CachedOptions,
  type Constructor,
  type InvalidatesSpec,
} from '../metadata.js';

/**
 * Caches a GET route's response. Needs a cache plugin in the app; the rules
 * (keys, privacy, ETags, single flight) are the plugin's.
 *
 * @example
 * @Cached({ ttl: '10m', tags: (city) => [`city:${city.id}`] })
 */
export function Cached<TResult = any>(options: CachedOptions<TResult>): MethodDecorator {
  return (target, handler) => {
    setCachedMeta(target.constructor as Constructor, String(handler), options as CachedOptions);
  };
}

/**
 * Invalidates cache tags after the route answers with a 2xx, before the
 * response is sent: a client that writes and then reads sees fresh data.
 *
 * @example
 * @Invalidates((req) => [`city:${req.params.id}`])
 */
export function Invalidates<TResult = any>(tags: InvalidatesSpec<TResult>): MethodDecorator {
  return (target, handler) => {
    setInvalidatesMeta(target.constructor as Constructor, String(handler), tags as InvalidatesSpec);
  };
}
