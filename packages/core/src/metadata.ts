import type { IncomingHttpHeaders } from 'node:http';
import type { RouteSchema } from './schema.js';
import type { RequestContext } from './context.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Constructor<T = any> = new (...args: any[]) => T;

/** Options of a route decorator: its schemas plus how it answers. */
export interface RouteOptions extends RouteSchema {
  /** Status of a successful result. Default 200, or 201 when `creates` is set. */
  status?: number;
  /** The route creates a resource: a returned value is answered with 201. */
  creates?: boolean;
  /** Largest JSON body this route accepts, in bytes or as `'2mb'`; overrides the transport's limit. */
  bodyLimit?: number | string;
  /**
   * Drop body properties that the body schema does not declare before the
   * handler sees the body. Default true. The request's own object is never
   * changed: the handler gets a pruned copy.
   */
  stripUnknown?: boolean;
  summary?: string;
  description?: string;
}

/** What a request looks like to a cache key or principal function: cheap, read-only parts. */
export interface KeyRequest {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | string[] | undefined>>;
  readonly headers: IncomingHttpHeaders;
}

/**
 * Caching intent of a GET route. The cache plugin gives it its behaviour;
 * see @fastjson-api/cache for every rule.
 */
export interface CachedOptions<TResult = any> {
  /** Time to live: seconds, or `'90s'`, `'10m'`, `'1h'`, `'1d'`. */
  ttl: number | string;
  /** Tags of the stored entry, for `@Invalidates`: a list, or a function of the result. */
  tags?: readonly string[] | ((result: TResult, req: RequestContext) => readonly string[]);
  /**
   * Replaces or extends the cache key. Gets the request and the key the cache
   * built; returns the key to use. Runs on every request, hits included.
   */
  key?: (req: KeyRequest, base: string) => string;
  /** Request headers that select the response, e.g. `['accept-language']`; also sent as `Vary`. */
  vary?: readonly string[];
  /** Statuses that may be stored. Default: every 2xx. */
  statuses?: readonly number[];
  /** Serve a stale entry for this long after expiry while one refresh runs: seconds or a duration string. */
  swr?: number | string;
  /**
   * `'shared'` (default): requests with `Authorization` or `Cookie` bypass the
   * cache. `'user'`: `principal` names the caller; it becomes part of the key
   * and responses are `private`.
   */
  scope?: 'shared' | 'user';
  /** Names the caller for `scope: 'user'`; `undefined` means the request is not cacheable. */
  principal?: (req: KeyRequest) => string | undefined;
}

/** Tags a write route makes stale: a list, or a function of the request and the result. */
export type InvalidatesSpec<TResult = any> =
  readonly string[] | ((req: RequestContext, result: TResult) => readonly string[]);

export type ParamKind = 'param' | 'query' | 'body' | 'header' | 'context';

export interface ParamMeta {
  index: number;
  kind: ParamKind;
  /** Name of the parameter, query field or header; absent for the whole object. */
  name?: string;
}

export interface RouteMeta {
  method: HttpMethod;
  path: string;
  handler: string;
  options: RouteOptions;
}

export interface ControllerMeta {
  prefix: string;
}

const CONTROLLER = Symbol('fastjson-api:controller');
const ROUTES = Symbol('fastjson-api:routes');
const PARAMS = Symbol('fastjson-api:params');
const CACHED = Symbol('fastjson-api:cached');
const INVALIDATES = Symbol('fastjson-api:invalidates');

export function setControllerMeta(target: Constructor, meta: ControllerMeta): void {
  Reflect.defineMetadata(CONTROLLER, meta, target);
}

export function getControllerMeta(target: Constructor): ControllerMeta | undefined {
  return Reflect.getOwnMetadata(CONTROLLER, target);
}

export function addRouteMeta(target: Constructor, meta: RouteMeta): void {
  const routes: RouteMeta[] = Reflect.getOwnMetadata(ROUTES, target) ?? [];
  Reflect.defineMetadata(ROUTES, [...routes, meta], target);
}

export function getRouteMetas(target: Constructor): RouteMeta[] {
  return Reflect.getOwnMetadata(ROUTES, target) ?? [];
}

export function addParamMeta(target: Constructor, handler: string, meta: ParamMeta): void {
  const params: ParamMeta[] = Reflect.getOwnMetadata(PARAMS, target, handler) ?? [];
  Reflect.defineMetadata(PARAMS, [...params, meta], target, handler);
}

export function getParamMetas(target: Constructor, handler: string): ParamMeta[] {
  return Reflect.getOwnMetadata(PARAMS, target, handler) ?? [];
}

export function setCachedMeta(target: Constructor, handler: string, options: CachedOptions): void {
  Reflect.defineMetadata(CACHED, options, target, handler);
}

export function getCachedMeta(target: Constructor, handler: string): CachedOptions | undefined {
  return Reflect.getOwnMetadata(CACHED, target, handler);
}

export function setInvalidatesMeta(
  target: Constructor,
  handler: string,
  spec: InvalidatesSpec,
): void {
  Reflect.defineMetadata(INVALIDATES, spec, target, handler);
}

export function getInvalidatesMeta(
  target: Constructor,
  handler: string,
): InvalidatesSpec | undefined {
  return Reflect.getOwnMetadata(INVALIDATES, target, handler);
}
