/**
 * @module @fastjson-api/core
 * Decorators, DI, validation and the app/plugin contract of fastjson-api.
 */
import 'reflect-metadata';

// App
export { createApp } from './app.js';
export type { App, AppOptions } from './app.js';

// Decorators
export { Controller } from './decorators/controller.js';
export { Get, Post, Put, Patch, Delete } from './decorators/route.js';
export { Param, Query, Body, Header, Ctx } from './decorators/params.js';
export { Cached, Invalidates } from './decorators/cache.js';
export { Injectable, Inject } from './decorators/injectable.js';
export type { InjectableOptions } from './decorators/injectable.js';

// Request and response
export { RequestContext } from './context.js';
export type { Reply, HeaderMap } from './reply.js';
export { JSON_CONTENT_TYPE, PROBLEM_CONTENT_TYPE } from './reply.js';
export type { JsonSchema, RouteSchema } from './schema.js';
export type {
  CachedOptions,
  Constructor,
  HttpMethod,
  InvalidatesSpec,
  KeyRequest,
  RouteOptions,
} from './metadata.js';

// DI
export { REQUEST_CONTEXT, LOGGER, CLOCK } from './di/tokens.js';
export type { Scope } from './di/tokens.js';
export type { Provider, ValueProvider, ClassProvider, FactoryProvider } from './di/providers.js';

// Errors
export {
  FastjsonError,
  StartupError,
  HttpError,
  ValidationError,
  CoreErrorCodes,
} from './errors.js';
export type { HttpErrorOptions, FieldError } from './errors.js';
export { problemReply, toProblem } from './problem.js';
export type { ProblemDocument } from './problem.js';

// Plugin contract
export type {
  Plugin,
  PluginKind,
  PluginContext,
  Interceptor,
  FrontDoor,
  RequestHook,
  SerializeFn,
  SerializerPlugin,
  TransportPlugin,
  AppRuntime,
} from './plugin.js';
export { isTransport, isSerializer } from './plugin.js';
export type { CompiledRoute, CacheIntent } from './route.js';
export { errorReply, logError } from './invoke.js';

// Utilities for plugins
export { systemClock, ManualClock, CACHE_STATE } from './clock.js';
export type { Clock } from './clock.js';
export { parseDuration, parseBytes } from './duration.js';
export { stringifyJson } from './json.js';
export { openApiDocument, templatePath } from './openapi.js';
export type { OpenApiInfo, OpenApiOptions } from './openapi.js';

// Schemas with types: one TypeBox schema gives both the check and the type.
export { Type } from '@sinclair/typebox';
export type { Static, TSchema } from '@sinclair/typebox';
