import type { Logger } from 'pino';
import type { RequestContext } from './context.js';
import type { AppContainer } from './di/app-container.js';
import { HttpError } from './errors.js';
import type { ParamMeta } from './metadata.js';
import { problemReply } from './problem.js';
import { JSON_CONTENT_TYPE, type Reply } from './reply.js';
import type { SerializeFn } from './plugin.js';
import type { RouteDeclaration } from './routes.js';
import { VALIDATED_HEADERS, type RequestValidator } from './validation.js';

const BODILESS = new Set([204, 304]);

/** Builds the innermost step of a route: validate, call the handler, serialize. Never rejects. */
export function compileInvoke(
  declaration: RouteDeclaration,
  validator: RequestValidator,
  container: AppContainer,
  serialize: SerializeFn,
  successStatus: number,
): (ctx: RequestContext) => Promise<Reply> {
  const { controller, meta, params } = declaration;
  const readArgs = compileArgs(params);
  const validates = !validator.isEmpty;

  return async (ctx) => {
    try {
      if (validates) validator.run(ctx);
      const instance = container.resolveController(controller, ctx) as Record<
        string,
        (...args: unknown[]) => unknown
      >;
      const result = await instance[meta.handler]!(...readArgs(ctx));
      ctx.result = result;
      return toReply(result, ctx, successStatus, serialize);
    } catch (error) {
      return errorReply(error, ctx, declaration.id);
    }
  };
}

function toReply(
  result: unknown,
  ctx: RequestContext,
  successStatus: number,
  serialize: SerializeFn,
): Reply {
  const status = ctx.responseStatus ?? (result === undefined ? 204 : successStatus);
  if (BODILESS.has(status) || result === undefined) {
    return { status, headers: { ...ctx.responseHeaders }, body: undefined };
  }
  const body = Buffer.from(serialize(result, status));
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...ctx.responseHeaders }, body };
}

/** The problem reply for an error, logged when unexpected. */
export function errorReply(error: unknown, ctx: RequestContext, routeId: string): Reply {
  logError(ctx.log, error, routeId);
  return problemReply(error, ctx.path);
}

export function logError(log: Logger, error: unknown, routeId: string): void {
  if (!(error instanceof HttpError)) {
    log.error({ err: error, route: routeId }, 'unexpected error');
  } else if (error.status >= 500) {
    log.warn({ err: error, route: routeId }, 'server error answered');
  }
}

function compileArgs(params: ParamMeta[]): (ctx: RequestContext) => unknown[] {
  if (params.length === 0) return () => [];
  const readers = params.map(readerFor);
  const size = Math.max(...params.map((p) => p.index)) + 1;
  return (ctx) => {
    const args = new Array<unknown>(size);
    for (let i = 0; i < params.length; i++) args[params[i]!.index] = readers[i]!(ctx);
    return args;
  };
}

function readerFor(param: ParamMeta): (ctx: RequestContext) => unknown {
  const name = param.name;
  switch (param.kind) {
    case 'param':
      return name === undefined ? (ctx) => ctx.params : (ctx) => ctx.params[name];
    case 'query':
      return name === undefined ? (ctx) => ctx.query : (ctx) => ctx.query[name];
    case 'header':
      return (ctx) => {
        const headers =
          (ctx.state.get(VALIDATED_HEADERS) as Record<string, unknown>) ?? ctx.headers;
        return name === undefined ? headers : headers[name];
      };
    case 'body':
      return (ctx) => ctx.body;
    case 'context':
      return (ctx) => ctx;
  }
}
