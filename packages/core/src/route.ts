import type {
  CachedOptions,
  Constructor,
  HttpMethod,
  InvalidatesSpec,
  RouteOptions,
} from './metadata.js';
import type { RouteSchema } from './schema.js';
import type { RequestContext } from './context.js';
import type { Reply } from './reply.js';

/** `@Cached` options after startup checks: durations are seconds. */
export interface CacheIntent extends Omit<CachedOptions, 'ttl' | 'swr'> {
  ttl: number;
  swr: number;
}

/** A route after startup: everything it needs on the request path is compiled. */
export interface CompiledRoute {
  /** `'GET /cities/:id'`: names the route in errors and stats. */
  readonly id: string;
  readonly method: HttpMethod;
  /** Full path pattern, prefix included, in @koa/router syntax (`/cities/:id`). */
  readonly path: string;
  readonly controller: Constructor;
  readonly handler: string;
  readonly schema: RouteSchema;
  readonly options: RouteOptions;
  /** Status of a successful result (200, or 201 for `creates`). */
  readonly successStatus: number;
  /** Body size limit of this route in bytes, when it overrides the transport's. */
  readonly bodyLimit: number | undefined;
  /** Whether the route reads a JSON body. */
  readonly acceptsBody: boolean;
  readonly cache: CacheIntent | undefined;
  readonly invalidates: InvalidatesSpec | undefined;
  /** Runs the route: interceptors, validation, handler, serialization. Never rejects. */
  dispatch(ctx: RequestContext): Promise<Reply>;
}
