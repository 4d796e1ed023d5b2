import type { InjectionToken } from 'tsyringe';
import type { Logger } from 'pino';
import type { Constructor } from '../metadata.js';
import type { RequestContext } from '../context.js';
import type { Clock } from '../clock.js';

export type Scope = 'singleton' | 'request' | 'transient';

const SCOPE = Symbol('fastjson-api:scope');
const EXPLICIT_TOKENS = Symbol('fastjson-api:inject-tokens');

/** Token of the current request's `RequestContext`, for request-scoped services. */
export const REQUEST_CONTEXT: InjectionToken<RequestContext> = Symbol(
  'fastjson-api:RequestContext',
);
/** Token of the app's pino logger. */
export const LOGGER: InjectionToken<Logger> = Symbol('fastjson-api:Logger');
/** Token of the app's clock. */
export const CLOCK: InjectionToken<Clock> = Symbol('fastjson-api:Clock');

export function markInjectable(target: Constructor, scope: Scope): void {
  Reflect.defineMetadata(SCOPE, scope, target);
}

/** The scope a class was declared with, or `undefined` when it is not decorated. */
export function getDeclaredScope(target: Constructor): Scope | undefined {
  return Reflect.getOwnMetadata(SCOPE, target);
}

export function setExplicitToken(
  target: Constructor,
  index: number,
  token: InjectionToken<unknown>,
): void {
  const tokens: Map<number, InjectionToken<unknown>> = Reflect.getOwnMetadata(
    EXPLICIT_TOKENS,
    target,
  ) ?? new Map();
  tokens.set(index, token);
  Reflect.defineMetadata(EXPLICIT_TOKENS, tokens, target);
}

export function getExplicitTokens(target: Constructor): Map<number, InjectionToken<unknown>> {
  return Reflect.getOwnMetadata(EXPLICIT_TOKENS, target) ?? new Map();
}

/** Names a token for an error message. */
export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name || '<anonymous class>';
  if (typeof token === 'symbol')
    return token.description ? `Symbol(${token.description})` : token.toString();
  return JSON.stringify(token);
}
