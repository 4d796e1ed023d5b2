import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import Router from '@koa/router';
import {
  HttpError,
  RequestContext,
  errorReply,
  problemReply,
  type AppRuntime,
  type CompiledRoute,
  type FrontDoor,
  type TransportPlugin,
} from '@fastjson-api/core';
import { readJsonBody } from './body.js';
import { resolveOptions, type KoaTransportOptions, type ResolvedOptions } from './options.js';
import { writeReply } from './write.js';

/**
 * The Koa 3 + @koa/router transport: mounts every route, reads JSON bodies
 * within limits, answers unknown paths and methods with problem documents.
 *
 * @example
 * createApp({ controllers, plugins: [koaTransport({ bodyLimit: '2mb' })] });
 */
export function koaTransport(options: KoaTransportOptions = {}): TransportPlugin {
  return new KoaTransport(resolveOptions(options));
}

class KoaTransport implements TransportPlugin {
  readonly name = 'koa';
  readonly kind = 'transport' as const;
  readonly #options: ResolvedOptions;
  #server: Server | undefined;

  constructor(options: ResolvedOptions) {
    this.#options = options;
  }

  async listen(runtime: AppRuntime, port: number, host?: string): Promise<AddressInfo> {
    const koa = this.#buildKoa(runtime);
    const server = createServer(frontHandler(runtime, koa.callback()));
    server.headersTimeout = this.#options.headersTimeoutMs;
    server.requestTimeout = this.#options.requestTimeoutMs;
    server.keepAliveTimeout = this.#options.keepAliveTimeoutMs;
    this.#server = server;

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return server.address() as AddressInfo;
  }

  close(): Promise<void> {
    const server = this.#server;
    if (!server) return Promise.resolve();
    this.#server = undefined;

    return new Promise((resolve, reject) => {
      // close() stops accepting and waits for open connections. Connections
      // that go idle after their in-flight response are closed as they do;
      // after closeTimeoutMs the rest are cut.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), this.#options.closeTimeoutMs);
      server.close((error) => {
        clearInterval(sweep);
        clearTimeout(deadline);
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    });
  }

  #buildKoa(runtime: AppRuntime): Koa {
    const koa = new Koa();
    koa.silent = true;
    const router = new Router();
    for (const route of [...runtime.routes].sort(bySpecificity)) mount(router, route, runtime, this.#options);

    koa.use(problemBoundary(runtime));
    koa.use(rejectMalformedPath);
    koa.use(router.routes());
    koa.use(notFoundOrNotAllowed(router));
    return koa;
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Static segments before parameters, so that `/cities/search` answers before
 * `/cities/:id` whatever order the controller declares them in (@koa/router
 * answers with the first match, in mounting order). Routes compare by the
 * static/dynamic pattern of their segments as a whole, which keeps the order
 * consistent for sort(); equal patterns keep their declaration order.
 */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const left = segmentKinds(a.path);
  const right = segmentKinds(b.path);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** `'/cities/:id'` → `'001'`: one digit per segment, 1 for a parameter or wildcard. */
function segmentKinds(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^[:*]/.test(segment) ? '1' : '0'))
    .join('');
}

/**
 * The server's request handler: request hooks, then the front doors (a cache
 * answers hits here, before Koa), then Koa.
 */
function frontHandler(runtime: AppRuntime, koaHandler: Handler): Handler {
  const { frontDoors, requestHooks } = runtime;
  const logs = runtime.logger.isLevelEnabled('info');

  return (req, res) => {
    if (logs) {
      const startedAt = performance.now();
      res.once('finish', () => runtime.logRequest(req, res, startedAt));
    }
    for (const hook of requestHooks) hook(req, res);
    if (frontDoors.length === 0) return koaHandler(req, res);
    tryFrontDoors(frontDoors, 0, req, res, koaHandler);
  };
}

function tryFrontDoors(doors: readonly FrontDoor[], index: number, req: IncomingMessage, res: ServerResponse, fallback: Handler): void {
  if (index === doors.length) return fallback(req, res);

  let answered: boolean | Promise<boolean>;
  try {
    answered = doors[index]!(req, res);
  } catch {
    answered = false; // a front door that fails declines: the full path answers instead
  }
  if (answered === true) return;
  if (answered === false) return tryFrontDoors(doors, index + 1, req, res, fallback);
  answered.then(
    (done) => (done ? undefined : tryFrontDoors(doors, index + 1, req, res, fallback)),
    () => tryFrontDoors(doors, index + 1, req, res, fallback),
  );
}

function mount(router: Router, route: CompiledRoute, runtime: AppRuntime, options: ResolvedOptions): void {
  const limit = route.bodyLimit ?? options.bodyLimit;
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

  router[method](route.path, async (koaCtx) => {
    koaCtx.respond = false;
    const ctx = new RequestContext(koaCtx.req, koaCtx.res, { ...koaCtx.params }, runtime.logger);
    const reply = route.acceptsBody ? await readThenDispatch(route, ctx, limit) : await route.dispatch(ctx);
    writeReply(koaCtx.res, reply, koaCtx.method === 'HEAD');
  });
}

async function readThenDispatch(route: CompiledRoute, ctx: RequestContext, limit: number) {
  try {
    ctx.body = await readJsonBody(ctx.req, limit);
  } catch (error) {
    return errorReply(error, ctx, route.id);
  }
  return route.dispatch(ctx);
}

/** Anything that escapes a route still ends as a problem document, never Koa's text error. */
function problemBoundary(runtime: AppRuntime): Koa.Middleware {
  return async (koaCtx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof HttpError)) runtime.logger.error({ err: error, path: koaCtx.path }, 'unexpected error');
      if (koaCtx.res.headersSent) {
        koaCtx.res.destroy();
        return;
      }
      koaCtx.respond = false;
      writeReply(koaCtx.res, problemReply(error, koaCtx.path), koaCtx.method === 'HEAD');
    }
  };
}

/** `/files/%AF` is a client error: refuse it before the router half-decodes it. */
const rejectMalformedPath: Koa.Middleware = async (koaCtx, next) => {
  if (koaCtx.path.includes('%')) {
    try {
      decodeURIComponent(koaCtx.path);
    } catch {
      throw HttpError.badRequest(`The path contains a malformed percent-escape: ${koaCtx.path}`);
    }
  }
  await next();
};

function notFoundOrNotAllowed(router: Router): Koa.Middleware {
  return async (koaCtx) => {
    const match = router.match(koaCtx.path, koaCtx.method);
    const allowed = new Set(match.path.flatMap((layer) => layer.methods));
    if (allowed.size > 0) {
      throw HttpError.methodNotAllowed([...allowed], `${koaCtx.method} is not allowed on ${koaCtx.path}.`);
    }
    throw HttpError.notFound(`No route answers ${koaCtx.method} ${koaCtx.path}.`);
  };
}
