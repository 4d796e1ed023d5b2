import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Constructor } from '../metadata.js';
import type { Scope } from './tokens.js';

export interface ValueProvider<T = unknown> {
  provide: InjectionToken<T>;
  useValue: T;
}

export interface ClassProvider<T = unknown> {
  provide: InjectionToken<T>;
  useClass: Constructor<T>;
  scope?: Scope;
}

export interface FactoryProvider<T = unknown> {
  provide: InjectionToken<T>;
  /** Called once per app (the result is kept), with the app's container. */
  useFactory: (container: DependencyContainer) => T;
}

/** What `createApp({ providers })` takes: a class, or a token with what it stands for. */
export type Provider = Constructor | ValueProvider | ClassProvider | FactoryProvider;

export function isValueProvider(p: Provider): p is ValueProvider {
  return typeof p === 'object' && 'useValue' in p;
}

export function isClassProvider(p: Provider): p is ClassProvider {
  return typeof p === 'object' && 'useClass' in p;
}

export function isFactoryProvider(p: Provider): p is FactoryProvider {
  return typeof p === 'object' && 'useFactory' in p;
}
