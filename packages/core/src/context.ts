import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { Logger } from 'pino';
import type { HeaderMap } from './reply.js';

/**
 * One request as handlers, services and plugins see it: what came in, and
 * what the handler wants to say about the response (status, headers,
 * caching) without touching the transport.
 *
 * Reach it in a handler with `@Ctx()`, or in a request-scoped service by
 * injecting `REQUEST_CONTEXT`.
 */
export class RequestContext {
  /** Upper-case method as received (`HEAD` stays `HEAD`). */
  readonly method: string;
  /**
   * Raw request target in origin form: percent-encoded path plus query. An
   * absolute-form target (`GET http://host/path?q`) is cut to its path and
   * query, so that the host a client names never becomes part of a key.
   */
  readonly url: string;
  /** Raw, percent-encoded path, without the query. */
  readonly path: string;
  /** Raw query string without the `?`; empty when there is none. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  /** Path parameters: decoded strings, then the coerced values once validated. */
  params: Record<string, any>;
  /** Query fields (a repeated name gives an array), coerced once validated. */
  query: Record<string, any>;
  /** The parsed JSON body, or `undefined`. */
  body: unknown;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly log: Logger;
  #state: Map<unknown, unknown> | undefined;

  /** Per-request storage for plugins, hooks and handlers; made on first use. */
  get state(): Map<unknown, unknown> {
    this.#state ??= new Map();
    return this.#state;
  }

  /** Status the handler chose with `status()`, if any. */
  responseStatus: number | undefined;
  /** Headers the handler set with `setHeader()`, lower-case names. */
  readonly responseHeaders: HeaderMap = {};
  /** Set by `noStore()`: this response must not be cached. */
  skipCache = false;
  /** What the handler returned, once it has returned: for cache tag and invalidation functions. */
  result: unknown;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string>,
    log: Logger,
  ) {
    const url = originForm(req.url ?? '/');
    const mark = url.indexOf('?');
    this.method = req.method ?? 'GET';
    this.url = url;
    this.path = mark === -1 ? url : url.slice(0, mark);
    this.rawQuery = mark === -1 ? '' : url.slice(mark + 1);
    this.headers = req.headers;
    this.params = params;
    // maxKeys 0: every pair counts. The default stops at 1000 pairs, which
    // would let a request padded with empty pairs reach the handler without
    // the fields its cache key names.
    this.query =
      this.rawQuery === ''
        ? {}
        : (parseQueryString(this.rawQuery, '&', '=', { maxKeys: 0 }) as Record<string, any>);
    this.req = req;
    this.res = res;
    this.log = log;
  }

  /** Sets the response status, e.g. `ctx.status(202)`. */
  status(code: number): this {
    this.responseStatus = code;
    return this;
  }

  /** Sets a response header; the name is case-insensitive. */
  setHeader(name: string, value: string | number | readonly string[]): this {
    this.responseHeaders[name.toLowerCase()] = Array.isArray(value) ? [...value] : String(value);
    return this;
  }

  /** Keeps this one response out of any cache, and tells clients not to store it. */
  noStore(): this {
    this.skipCache = true;
    this.responseHeaders['cache-control'] = 'no-store';
    return this;
  }
}

/** `http://host/a?b` as `/a?b`; a target already in origin form as it is. */
function originForm(target: string): string {
  if (target[0] === '/') return target;
  const scheme = target.indexOf('://');
  if (scheme === -1) return target;
  const rest = target.slice(scheme + 3);
  const end = rest.search(/[/?]/);
  if (end === -1) return '/';
  return rest[end] === '/' ? rest.slice(end) : '/' + rest.slice(end);
}
