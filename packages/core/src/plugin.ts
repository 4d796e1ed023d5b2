import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';
import type { RequestContext } from './context.js';
import type { CompiledRoute } from './route.js';
import type { Reply } from './reply.js';
import type { Clock } from './clock.js';

export type PluginKind = 'transport' | 'cache' | 'serializer' | 'other';

/** Wraps a route's dispatch: call `next()` to run the rest (validation, handler, serialization). */
export type Interceptor = (ctx: RequestContext, next: () => Promise<Reply>) => Promise<Reply>;

/**
 * Answers a raw request before routing, or declines by returning false. This
 * is where a cache answers hits without paying for the router.
 */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/** A hook every request runs, front-door answers included. */
export type RequestHook = (req: IncomingMessage, res: ServerResponse) => void;

/** What a plugin sees at startup. */
export interface PluginContext {
  /** Every route of the app, compiled. */
  readonly routes: readonly CompiledRoute[];
  /** The app's own DI container: register services the app may inject. */
  readonly container: DependencyContainer;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Makes a value injectable in the app under `token`, e.g. a plugin's service class. */
  provide(token: InjectionToken<unknown>, value: unknown): void;
}

/**
 * A plugin takes part at startup (`setup`, then `intercept` once per route),
 * on the request path (`intercept`, `frontDoor`) and at shutdown (`close`).
 */
export interface Plugin {
  readonly name: string;
  readonly kind: PluginKind;
  setup?(context: PluginContext): void | Promise<void>;
  intercept?(route: CompiledRoute): Interceptor | undefined;
  frontDoor?(): FrontDoor | undefined;
  close?(): void | Promise<void>;
}

/** Turns a route's result into body text, per status. */
export type SerializeFn = (value: unknown, status: number) => string;

export interface SerializerPlugin extends Plugin {
  readonly kind: 'serializer';
  /** Called once per route at startup. */
  compile(route: CompiledRoute): SerializeFn;
}

/** What a transport gets from the app to serve requests. */
export interface AppRuntime {
  readonly routes: readonly CompiledRoute[];
  readonly frontDoors: readonly FrontDoor[];
  readonly requestHooks: readonly RequestHook[];
  readonly logger: Logger;
  /** Writes the per-request log line; call once the response is finished. */
  logRequest(req: IncomingMessage, res: ServerResponse, startedAt: number): void;
}

export interface TransportPlugin extends Plugin {
  readonly kind: 'transport';
  /** Mounts every route and starts listening; resolves with the bound address. */
  listen(runtime: AppRuntime, port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

export function isTransport(plugin: Plugin): plugin is TransportPlugin {
  return plugin.kind === 'transport';
}

export function isSerializer(plugin: Plugin): plugin is SerializerPlugin {
  return plugin.kind === 'serializer';
}
