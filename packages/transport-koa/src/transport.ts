import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
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
  type Reply,
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
    // Node checks header and request timeouts on this interval (default 30 s),
    // so without it a slow client outlives headersTimeoutMs by up to 30 s.
    const connectionsCheckingInterval = Math.max(
      100,
      Math.min(1000, this.#options.headersTimeoutMs / 2),
    );
    // requireHostHeader off: the handler answers a missing Host itself, with a problem document.
    const server = createServer(
      { connectionsCheckingInterval, requireHostHeader: false },
      frontHandler(runtime, koa.callback()),
    );
    server.on('clientError', answerClientError);
    server.on('checkExpectation', answerExpectation);
    server.on('connect', answerConnect);
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
    // One spelling per route: `/Cities/1` and `/cities/1/` are 404s, not
    // other names of `/cities/1`. Each spelling would be its own cache key,
    // so a client could fill the cache with copies of one answer.
    const router = new Router({ sensitive: true, strict: true });
    for (const route of [...runtime.routes].sort(bySpecificity))
      mount(router, route, runtime, this.#options);

    koa.use(problemBoundary(runtime));
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
    const host = req.headers.host;
    if (
      host === undefined
        ? req.httpVersionMinor === 1 && req.httpVersionMajor === 1
        : !isOneValidHost(host, req.rawHeaders)
    ) {
      return answerBadHost(req, res, host);
    }
    if (logs) {
      const startedAt = performance.now();
      res.once('finish', () => runtime.logRequest(req, res, startedAt));
    }
    for (const hook of requestHooks) hook(req, res);
    if (frontDoors.length === 0) return koaHandler(req, res);
    tryFrontDoors(frontDoors, 0, req, res, koaHandler);
  };
}

function tryFrontDoors(
  doors: readonly FrontDoor[],
  index: number,
  req: IncomingMessage,
  res: ServerResponse,
  fallback: Handler,
): void {
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

function mount(
  router: Router,
  route: CompiledRoute,
  runtime: AppRuntime,
  options: ResolvedOptions,
): void {
  const limit = route.bodyLimit ?? options.bodyLimit;
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';

  router[method](route.path, async (koaCtx) => {
    koaCtx.respond = false;
    // @koa/router builds a fresh params object per request: no copy needed.
    const ctx = new RequestContext(koaCtx.req, koaCtx.res, koaCtx.params, runtime.logger);
    const reply = route.acceptsBody
      ? await readThenDispatch(route, ctx, limit, options.bodyDepthLimit)
      : await route.dispatch(ctx);
    writeReply(koaCtx.res, reply, koaCtx.method === 'HEAD');
  });
}

async function readThenDispatch(
  route: CompiledRoute,
  ctx: RequestContext,
  limit: number,
  depthLimit: number,
) {
  try {
    ctx.body = await readJsonBody(ctx.req, limit, depthLimit);
  } catch (error) {
    return errorReply(error, ctx, route.id);
  }
  return route.dispatch(ctx);
}

/** Anything that escapes a route still ends as a problem document, never Koa's text error. */
function problemBoundary(runtime: AppRuntime): Koa.Middleware {
  return async (koaCtx, next) => {
    try {
      rejectInvalidTarget(koaCtx.req.url);
      rejectMalformedPath(koaCtx.path);
      await next();
    } catch (caught) {
      // koaCtx.path can itself throw (an absolute-form target with a bad
      // host), so only the raw request target is read here.
      const path = rawPath(koaCtx.req.url);
      const error =
        (caught as { code?: string }).code === 'ERR_INVALID_URL'
          ? HttpError.badRequest('The request target is not a valid URL.')
          : caught;
      if (!(error instanceof HttpError))
        runtime.logger.error({ err: error, path }, 'unexpected error');
      if (koaCtx.res.headersSent) {
        koaCtx.res.destroy();
        return;
      }
      koaCtx.respond = false;
      writeReply(koaCtx.res, problemReply(error, path), koaCtx.req.method === 'HEAD');
    }
  };
}

function rawPath(url: string | undefined): string {
  const target = url ?? '/';
  const mark = target.indexOf('?');
  return mark === -1 ? target : target.slice(0, mark);
}

/** `uri-host [ ":" port ]` (RFC 9110 §7.2): a reg-name or IPv4 address, or an IP literal in brackets. */
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]*|\[[0-9A-Fa-f:.vV]+\])(?::[0-9]*)?$/;

/** Whether the request carries exactly one Host line (Node keeps only the first) with a valid value. */
function isOneValidHost(host: string, rawHeaders: readonly string[]): boolean {
  if (!HOST.test(host)) return false;
  let lines = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host' && ++lines > 1) return false;
  }
  return true;
}

/**
 * RFC 9112 §3.2: an HTTP/1.1 request without Host, and any request with more
 * than one Host line or an invalid one, is a 400.
 */
function answerBadHost(req: IncomingMessage, res: ServerResponse, host: string | undefined): void {
  const detail =
    host === undefined
      ? 'An HTTP/1.1 request must carry a Host header.'
      : 'The request must carry one valid Host header.';
  const reply = problemReply(HttpError.badRequest(detail), rawPath(req.url));
  res.shouldKeepAlive = false;
  writeReply(res, reply, req.method === 'HEAD');
}

/** An `Expect` other than `100-continue` (RFC 9110 §10.1.1): 417, as a problem document. */
function answerExpectation(req: IncomingMessage, res: ServerResponse): void {
  const reply = problemReply(
    new HttpError(
      417,
      `Unsupported expectation: ${req.headers.expect}. Only 100-continue is supported.`,
    ),
    rawPath(req.url),
  );
  writeReply(res, reply, req.method === 'HEAD');
}

/** `CONNECT` asks for a tunnel, which this server never opens: 405, then close. */
function answerConnect(req: IncomingMessage, socket: Duplex): void {
  const reply = problemReply(
    new HttpError(405, 'CONNECT is not supported: this server is not a proxy.'),
    '/',
  );
  writeRaw(socket, 405, reply);
}

/** Statuses for the errors Node's HTTP parser raises before a request exists. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADERS_TIMEOUT: 408,
};

/**
 * Node answers a request it cannot parse (bad framing, oversized headers,
 * timeouts) with an empty body; this answers with a problem document
 * instead, then closes the connection, as the stream cannot be trusted.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const reply = problemReply(new HttpError(status, 'The server could not read the request.'), '/');
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  // The unreadable bytes belong to the body of the request in flight (a bad
  // chunk size, a body cut short by the request timeout): its handler waits
  // for a body that will never come, so answer now, or cut the connection if
  // that response has already begun.
  if (inFlight && !inFlight.writableFinished && !inFlight.req.complete) {
    if (inFlight.headersSent) socket.destroy();
    else writeRaw(socket, status, reply);
    return;
  }
  // A request pipelined before the unreadable one may still be answering:
  // let its response go out first, then this one, then close.
  if (inFlight && !inFlight.writableFinished) {
    let answered = false;
    const answer = () => {
      if (answered) return;
      answered = true;
      writeRaw(socket, status, reply);
    };
    inFlight.once('finish', answer);
    inFlight.once('close', answer);
    return;
  }
  writeRaw(socket, status, reply);
}

/** Writes a whole response on a raw socket and closes it: for answers outside a request. */
function writeRaw(socket: Duplex, status: number, reply: Reply): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    `content-type: ${reply.headers['content-type']}`,
    `content-length: ${reply.body!.length}`,
    'connection: close',
  ];
  socket.end(Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n'), reply.body!]));
  // The client closes on `connection: close`; one that does not is cut after
  // a moment, so that a half-open socket (and any handler still waiting on
  // its request) cannot outlive the answer. Destroying at once could reset
  // the connection before the client has read the answer.
  const linger = setTimeout(() => socket.destroy(), RAW_LINGER_MS);
  linger.unref();
  socket.once('close', () => clearTimeout(linger));
}

/** How long a socket answered by writeRaw() may stay open for the client to read and close. */
const RAW_LINGER_MS = 2000;

/**
 * An absolute-form target (`GET http://host/path`) that is not a URL is a
 * client error. Checked before Koa reads the path: Koa's legacy URL parser
 * would print a deprecation warning for it, and future Node versions throw.
 */
function rejectInvalidTarget(target: string | undefined): void {
  if (target !== undefined && target[0] !== '/' && !URL.canParse(target)) {
    throw HttpError.badRequest('The request target is not a valid URL.');
  }
}

/** `/files/%AF` is a client error: refuse it before the router half-decodes it. */
function rejectMalformedPath(path: string): void {
  if (!path.includes('%')) return;
  try {
    decodeURIComponent(path);
  } catch {
    throw HttpError.badRequest(`The path contains a malformed percent-escape: ${path}`);
  }
}

function notFoundOrNotAllowed(router: Router): Koa.Middleware {
  return async (koaCtx) => {
    const match = router.match(koaCtx.path, koaCtx.method);
    const allowed = new Set(match.path.flatMap((layer) => layer.methods));
    if (allowed.size > 0) {
      throw HttpError.methodNotAllowed(
        [...allowed],
        `${koaCtx.method} is not allowed on ${koaCtx.path}.`,
      );
    }
    // HEAD names GET, so that its Content-Length is the one GET would get.
    const method = koaCtx.method === 'HEAD' ? 'GET' : koaCtx.method;
    throw HttpError.notFound(`No route answers ${method} ${koaCtx.path}.`);
  };
}
