import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';
import { CACHE_STATE, systemClock, type Clock } from './clock.js';
import type { RequestContext } from './context.js';
import { AppContainer } from './di/app-container.js';
import type { Provider } from './di/providers.js';
import { CLOCK, LOGGER } from './di/tokens.js';
import { CoreErrorCodes, StartupError } from './errors.js';
import { compileInvoke, errorReply } from './invoke.js';
import { createLogger, type LoggerSetting } from './logger.js';
import type { Constructor } from './metadata.js';
import {
  isSerializer,
  isTransport,
  type FrontDoor,
  type Interceptor,
  type Plugin,
  type RequestHook,
  type SerializeFn,
  type TransportPlugin,
} from './plugin.js';
import type { Reply } from './reply.js';
import type { CompiledRoute } from './route.js';
import { collectRoutes, type RouteDeclaration } from './routes.js';
import { stringifyJson } from './json.js';
import { RequestValidator, Validators } from './validation.js';
import { openApiController } from './openapi-controller.js';
import type { OpenApiOptions } from './openapi.js';

export interface AppOptions {
  /** Classes decorated with `@Controller`. */
  controllers: readonly Constructor[];
  /** Services and values the app's container provides, beyond `@Injectable` classes it finds itself. */
  providers?: readonly Provider[];
  /** Exactly one transport; at most one cache and one serializer; any number of others. */
  plugins: readonly Plugin[];
  /** A pino logger, pino options, or `false` for silence. Default: pino at `LOG_LEVEL` or info. */
  logger?: LoggerSetting;
  /** Source of time for TTLs; tests pass a `ManualClock`. */
  clock?: Clock;
  /** Hooks every request runs, cache hits included: keep them cheap. */
  onRequest?: readonly RequestHook[];
  /**
   * Serve the OpenAPI 3.1 document of the app's routes at `path` (default
   * `/openapi.json`), built once at startup from the routes' schemas.
   */
  openapi?: OpenApiOptions;
}

/** A running (or ready to run) application. */
export interface App {
  /** Compiles routes and runs plugin setup; rejects with a StartupError on any wiring mistake. */
  ready(): Promise<void>;
  /** Starts serving; port 0 picks a free port. Resolves with the bound address. */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting connections, lets in-flight requests finish, shuts plugins down. */
  close(): Promise<void>;
  /** Bound address once listening. */
  readonly address: AddressInfo | undefined;
  /** Base URL once listening, e.g. `http://127.0.0.1:43121`. */
  readonly url: string;
  readonly routes: readonly CompiledRoute[];
  readonly container: DependencyContainer;
  readonly logger: Logger;
}

/**
 * Builds an app from controllers, providers and plugins.
 *
 * @example
 * const app = createApp({
 *   controllers: [CityController],
 *   plugins: [koaTransport(), memoryCache({ maxBytes: '256mb' }), schemaSerializer()],
 * });
 * await app.listen(3000);
 */
export function createApp(options: AppOptions): App {
  return new Application(options);
}

class Application implements App {
  readonly logger: Logger;
  readonly #options: AppOptions;
  readonly #clock: Clock;
  readonly #container: AppContainer;
  #transport: TransportPlugin | undefined;
  #routes: CompiledRoute[] = [];
  #frontDoors: FrontDoor[] = [];
  #ready: Promise<void> | undefined;
  #address: AddressInfo | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: AppOptions) {
    this.#options = options;
    this.logger = createLogger(options.logger);
    this.#clock = options.clock ?? systemClock;
    this.#container = new AppContainer(options.providers ?? []);
    this.#container.provideValue(LOGGER, this.logger);
    this.#container.provideValue(CLOCK, this.#clock);
  }

  get address(): AddressInfo | undefined {
    return this.#address;
  }

  get url(): string {
    if (!this.#address) {
      throw new StartupError(
        CoreErrorCodes.NOT_LISTENING,
        'The app has no address yet: it is not listening.',
        ['await app.listen(0) first.'],
      );
    }
    const host =
      this.#address.family === 'IPv6' ? `[${this.#address.address}]` : this.#address.address;
    return `http://${host}:${this.#address.port}`;
  }

  get routes(): readonly CompiledRoute[] {
    return this.#routes;
  }

  get container(): DependencyContainer {
    return this.#container.container;
  }

  ready(): Promise<void> {
    this.#ready ??= this.#start();
    return this.#ready;
  }

  async listen(port = 0, host?: string): Promise<AddressInfo> {
    await this.ready();
    this.#address = await this.#transport!.listen(this.#runtime(), port, host);
    return this.#address;
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #start(): Promise<void> {
    const { plugins, controllers } = this.#options;
    // Checked here, not in createApp(): every wiring mistake rejects ready() and listen().
    this.#transport = checkPlugins(plugins);
    const declarations = collectRoutes(
      this.#options.openapi
        ? [...controllers, openApiController(this.#options.openapi, () => this.#routes)]
        : controllers,
    );
    const cachePlugin = plugins.find((p) => p.kind === 'cache');
    const uncachable = declarations.find((d) => d.cache || d.invalidates);
    if (uncachable && !cachePlugin) {
      const decorator = uncachable.cache ? '@Cached' : '@Invalidates';
      throw new StartupError(
        CoreErrorCodes.NO_CACHE_PLUGIN,
        `Route ${uncachable.id} is ${decorator}, but the app has no cache plugin.`,
        [
          'Add one to createApp({ plugins: [..., memoryCache()] }) from @fastjson-api/cache.',
          `Or remove ${decorator} from the route.`,
        ],
      );
    }

    const validators = new Validators();
    const compiled = declarations.map((d) => this.#declare(d, validators));
    this.#routes = compiled.map((c) => c.route);

    const context = {
      routes: this.#routes,
      container: this.#container.container,
      logger: this.logger,
      clock: this.#clock,
      provide: (token: InjectionToken<unknown>, value: unknown) =>
        this.#container.provideValue(token, value),
    };
    for (const plugin of plugins) await plugin.setup?.(context);
    for (const controller of new Set(declarations.map((d) => d.controller)))
      this.#container.addController(controller);

    const serializer = plugins.find(isSerializer);
    for (const { route, declaration, validator } of compiled) {
      const serialize: SerializeFn = serializer ? serializer.compile(route) : stringifyJson;
      const invoke = compileInvoke(
        declaration,
        validator,
        this.#container,
        serialize,
        route.successStatus,
      );
      const interceptors = plugins
        .map((p) => p.intercept?.(route))
        .filter((i): i is Interceptor => i !== undefined);
      // invoke never rejects; only interceptors need the outer guard.
      route.dispatch =
        interceptors.length === 0 ? invoke : guard(compose(interceptors, invoke), route.id);
    }
    this.#frontDoors = plugins
      .map((p) => p.frontDoor?.())
      .filter((f): f is FrontDoor => f !== undefined);
  }

  #declare(declaration: RouteDeclaration, validators: Validators) {
    const { meta } = declaration;
    const options = meta.options;
    const { params, query, headers, body, response } = options;
    const schema = { params, query, headers, body, response };
    const validator = new RequestValidator(
      declaration.id,
      schema,
      validators,
      options.stripUnknown ?? true,
    );
    const route: CompiledRoute & { dispatch: CompiledRoute['dispatch'] } = {
      id: declaration.id,
      method: meta.method,
      path: declaration.path,
      controller: declaration.controller,
      handler: meta.handler,
      schema,
      options,
      successStatus: options.status ?? (options.creates ? 201 : 200),
      bodyLimit: declaration.bodyLimit,
      acceptsBody: body !== undefined || declaration.params.some((p) => p.kind === 'body'),
      cache: declaration.cache,
      invalidates: declaration.invalidates,
      dispatch: notReady,
    };
    return { route, declaration, validator };
  }

  #runtime() {
    const logger = this.logger;
    return {
      routes: this.#routes,
      frontDoors: this.#frontDoors,
      requestHooks: this.#options.onRequest ?? [],
      logger,
      logRequest: (req: IncomingMessage, res: ServerResponse, startedAt: number) => {
        if (!logger.isLevelEnabled('info')) return;
        const ms = Math.round((performance.now() - startedAt) * 100) / 100;
        const cache = (res as unknown as Record<symbol, string | undefined>)[CACHE_STATE];
        logger.info(
          { method: req.method, path: req.url, status: res.statusCode, ms, cache },
          'request',
        );
      },
    };
  }

  async #shutdown(): Promise<void> {
    if (this.#address) await this.#transport?.close();
    for (const plugin of [...this.#options.plugins].reverse()) {
      if (plugin !== this.#transport) await plugin.close?.();
    }
  }
}

function checkPlugins(plugins: readonly Plugin[]): TransportPlugin {
  const byKind = (kind: string) => plugins.filter((p) => p.kind === kind);
  const transports = byKind('transport');
  for (const kind of ['transport', 'cache', 'serializer']) {
    const clash = byKind(kind);
    if (clash.length > 1) {
      throw new StartupError(
        CoreErrorCodes.PLUGIN_CLASH,
        `An app takes one ${kind} plugin; got ${clash.length}: ${clash.map((p) => p.name).join(', ')}.`,
        [`Keep one of ${clash.map((p) => p.name).join(', ')}.`],
      );
    }
  }
  const transport = transports.find(isTransport);
  if (!transport) {
    throw new StartupError(
      CoreErrorCodes.NO_TRANSPORT,
      'An app needs exactly one transport plugin; got none.',
      ['Add one: createApp({ plugins: [koaTransport()] }) from @fastjson-api/transport-koa.'],
    );
  }
  return transport;
}

function compose(interceptors: Interceptor[], inner: (ctx: RequestContext) => Promise<Reply>) {
  return interceptors.reduceRight<(ctx: RequestContext) => Promise<Reply>>(
    (next, interceptor) => (ctx) => interceptor(ctx, () => next(ctx)),
    inner,
  );
}

/** The outermost step: whatever a plugin throws still ends as a problem reply. */
function guard(dispatch: (ctx: RequestContext) => Promise<Reply>, routeId: string) {
  return async (ctx: RequestContext): Promise<Reply> => {
    try {
      return await dispatch(ctx);
    } catch (error) {
      return errorReply(error, ctx, routeId);
    }
  };
}

async function notReady(): Promise<Reply> {
  throw new Error('route dispatched before the app was ready');
}
