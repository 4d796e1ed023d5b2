import { inject, injectable, type InjectionToken } from 'tsyringe';
import type { Constructor } from '../metadata.js';
import { markInjectable, setExplicitToken, type Scope } from '../di/tokens.js';

export interface InjectableOptions {
  /**
   * `'singleton'` (default): one instance per app. `'request'`: a new instance
   * per request, never shared between concurrent requests. `'transient'`: a
   * new instance wherever it is injected.
   */
  scope?: Scope;
}

/**
 * Marks a class as a service the app's container can build. Constructor
 * parameters are found from emitted type metadata (tsc with
 * `emitDecoratorMetadata`) or from `@Inject(token)`; without either the app
 * refuses to start and says which parameter needs a token.
 */
export function Injectable(options: InjectableOptions = {}): ClassDecorator {
  return (target) => {
    const ctor = target as unknown as Constructor;
    markInjectable(ctor, options.scope ?? 'singleton');
    injectable()(ctor);
  };
}

/**
 * Names the token of one constructor parameter. Needed for interfaces, for
 * string and symbol tokens, and for code built without decorator metadata
 * (esbuild, tsx, swc without the metadata option).
 */
export function Inject(token: InjectionToken<unknown>): ParameterDecorator {
  return (target, key, index) => {
    setExplicitToken(target as Constructor, index, token);
    inject(token)(target, key, index);
  };
}
