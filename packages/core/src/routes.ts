import { CoreErrorCodes, StartupError } from './errors.js';
import {
  getCachedMeta,
  getControllerMeta,
  getInvalidatesMeta,
  getParamMetas,
  getRouteMetas,
  type Constructor,
  type ParamMeta,
  type RouteMeta,
} from './metadata.js';
import { parseBytes, parseDuration } from './duration.js';
import type { CacheIntent } from './route.js';

/** One route found on a controller, checked but not yet compiled. */
export interface RouteDeclaration {
  id: string;
  controller: Constructor;
  meta: RouteMeta;
  path: string;
  params: ParamMeta[];
  cache: CacheIntent | undefined;
  invalidates: ReturnType<typeof getInvalidatesMeta>;
  bodyLimit: number | undefined;
}

/** Reads every route of the controllers and checks them: clashes, cache options, limits. */
export function collectRoutes(controllers: readonly Constructor[]): RouteDeclaration[] {
  const declarations: RouteDeclaration[] = [];
  const seen = new Map<string, string>();

  for (const controller of controllers) {
    const controllerMeta = getControllerMeta(controller);
    if (!controllerMeta) {
      throw new StartupError(
        CoreErrorCodes.NOT_A_CONTROLLER,
        `${controller?.name ?? String(controller)} is listed in controllers but is not decorated with @Controller().`,
        [`Decorate it: @Controller('/prefix') class ${controller?.name ?? 'X'} { ... }`],
      );
    }
    for (const meta of getRouteMetas(controller)) {
      const declaration = declare(controller, controllerMeta.prefix, meta);
      const shape = `${meta.method} ${declaration.path.replace(/:[^/]+/g, ':')}`;
      const other = seen.get(shape);
      if (other) {
        throw new StartupError(
          CoreErrorCodes.ROUTE_CLASH,
          `Two routes answer the same method and path: ${other} and ${declaration.id}.`,
          ['Remove one of them, or give one a different path.'],
        );
      }
      seen.set(shape, declaration.id);
      declarations.push(declaration);
    }
  }
  return declarations;
}

function declare(controller: Constructor, prefix: string, meta: RouteMeta): RouteDeclaration {
  const path = joinPath(prefix, meta.path);
  const id = `${meta.method} ${path} (${controller.name}.${meta.handler})`;
  const cachedOptions = getCachedMeta(controller, meta.handler);

  return {
    id,
    controller,
    meta,
    path,
    params: getParamMetas(controller, meta.handler).sort((a, b) => a.index - b.index),
    cache: cachedOptions && checkCache(id, meta, cachedOptions),
    invalidates: getInvalidatesMeta(controller, meta.handler),
    bodyLimit: checkBodyLimit(id, meta.options.bodyLimit),
  };
}

export function joinPath(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

function checkCache(
  id: string,
  meta: RouteMeta,
  options: NonNullable<ReturnType<typeof getCachedMeta>>,
): CacheIntent {
  if (meta.method !== 'GET') {
    throw badCacheOption(
      id,
      `@Cached is for GET routes; this one is ${meta.method}`,
      'Use @Invalidates on write routes.',
    );
  }
  const ttl = parseDuration(options.ttl);
  if (ttl === undefined || ttl === 0) {
    throw badCacheOption(
      id,
      `ttl must be a positive number of seconds or a duration like '90s', '10m', '1h'; got ${JSON.stringify(options.ttl)}`,
    );
  }
  const swr = options.swr === undefined ? 0 : parseDuration(options.swr);
  if (swr === undefined) {
    throw badCacheOption(
      id,
      `swr must be a number of seconds or a duration like '30s'; got ${JSON.stringify(options.swr)}`,
    );
  }
  if (options.scope === 'user' && typeof options.principal !== 'function') {
    throw badCacheOption(
      id,
      "scope: 'user' needs a principal function that names the caller",
      "Add principal: (req) => req.headers['x-user-id'] as string.",
    );
  }
  return { ...options, ttl, swr };
}

function badCacheOption(id: string, problem: string, fix?: string): StartupError {
  return new StartupError(
    CoreErrorCodes.BAD_CACHE_OPTION,
    `@Cached on route ${id}: ${problem}.`,
    fix ? [fix] : [],
  );
}

function checkBodyLimit(id: string, limit: number | string | undefined): number | undefined {
  if (limit === undefined) return undefined;
  const bytes = parseBytes(limit);
  if (bytes === undefined) {
    throw new StartupError(
      CoreErrorCodes.BAD_ROUTE,
      `Route ${id}: bodyLimit must be a byte count or a size like '2mb'; got ${JSON.stringify(limit)}.`,
    );
  }
  return bytes;
}
