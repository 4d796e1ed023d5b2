import { canonicalQuery } from './query.js';

/**
 * The cache key of a request before `Vary`:
 * `<routeId>\0<rawPath>?<canonical query>`.
 *
 * The path stays raw (percent-encoded as received), so `/files/a%2Fb` and
 * `/files/a/b` never share a key. The key splits back unambiguously: route
 * ids hold no NUL (they read `GET /cities/:id`), a path ends at its first
 * `?`, and the canonical query holds neither NUL nor `?`.
 *
 * @param routeId - the compiled route's id; must not contain `\0`
 * @param rawPath - the raw request path, without the query
 * @param rawQuery - the raw query, after the `?` and without it
 */
export function baseKey(routeId: string, rawPath: string, rawQuery: string): string {
  return routeId + '\0' + rawPath + '?' + canonicalQuery(rawQuery);
}
