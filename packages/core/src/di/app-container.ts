import {
  container as rootContainer,
  instanceCachingFactory,
  Lifecycle,
  type DependencyContainer,
  type InjectionToken,
} from 'tsyringe';
import { CoreErrorCodes, StartupError } from '../errors.js';
import type { Constructor } from '../metadata.js';
import type { RequestContext } from '../context.js';
import { isClassProvider, isFactoryProvider, isValueProvider, type Provider } from './providers.js';
import {
  getDeclaredScope,
  getExplicitTokens,
  REQUEST_CONTEXT,
  tokenName,
  type Scope,
} from './tokens.js';

type Token = InjectionToken<unknown>;

/** Types TypeScript emits for parameters it cannot name: interfaces, unions, type-only imports. */
const ERASED_TYPES = new Set<unknown>([
  Object,
  String,
  Number,
  Boolean,
  Array,
  Function,
  Promise,
  Symbol,
  BigInt,
]);

interface Node {
  scope: Scope;
  /** The class that builds this token, when a class does. */
  ctor?: Constructor;
}

/**
 * The app's own DI container (a child of tsyringe's root, so nothing leaks
 * between apps), wired and checked at startup: every dependency of every
 * controller must resolve, no cycles, no singleton holding a request-scoped
 * service. Request scope is a child container per request.
 */
export class AppContainer {
  readonly container: DependencyContainer;
  readonly #nodes = new Map<Token, Node>();
  readonly #requestBound = new Map<Token, boolean>();
  readonly #controllers = new Map<Constructor, unknown>();
  readonly #dependencies = new Map<Token, Token[]>();
  /** Per request-bound controller: its request-scoped services, dependencies first. */
  readonly #requestPlans = new Map<Constructor, Token[]>();

  constructor(providers: readonly Provider[]) {
    this.container = rootContainer.createChildContainer();
    this.#nodes.set(REQUEST_CONTEXT, { scope: 'request' });
    for (const provider of providers) this.#addProvider(provider);
  }

  /** Registers a value the app provides itself (logger, clock, plugin services). */
  provideValue(token: Token, value: unknown): void {
    this.container.register(token, { useValue: value });
    this.#nodes.set(token, { scope: 'singleton' });
  }

  /** Checks and registers a controller with all its dependencies. */
  addController(ctor: Constructor): void {
    this.#visit(ctor, [], 'controller');
    const bound = this.isRequestBound(ctor);
    this.#register(ctor, ctor, bound ? 'transient' : 'singleton');
    if (bound) this.#requestPlans.set(ctor, this.#requestScopedOrder(ctor));
  }

  /** Whether building this token needs a request (it or a dependency is request-scoped). */
  isRequestBound(token: Token): boolean {
    return this.#requestBound.get(token) ?? false;
  }

  /** The controller instance for a request: shared, or built in the request's own child container. */
  resolveController<T>(ctor: Constructor<T>, ctx: RequestContext): T {
    if (!this.isRequestBound(ctor)) {
      // A shared controller is built once; the request path skips tsyringe's lookup.
      let instance = this.#controllers.get(ctor) as T | undefined;
      if (instance === undefined) {
        instance = this.container.resolve(ctor);
        this.#controllers.set(ctor, instance);
      }
      return instance;
    }

    const requestContainer = this.container.createChildContainer();
    requestContainer.register(REQUEST_CONTEXT, { useValue: ctx });
    // One by one, dependencies first: tsyringe rethrows an error from a nested
    // constructor as a plain Error, which would turn an HttpError (a 401 from
    // a request-scoped auth service, say) into a 500.
    for (const token of this.#requestPlans.get(ctor) ?? []) requestContainer.resolve(token);
    return requestContainer.resolve(ctor);
  }

  /** The request-scoped classes `root` needs, each after its own dependencies. */
  #requestScopedOrder(root: Token): Token[] {
    const order: Token[] = [];
    const seen = new Set<Token>();
    const walk = (token: Token) => {
      if (seen.has(token)) return;
      seen.add(token);
      for (const dependency of this.#dependencies.get(token) ?? []) walk(dependency);
      const node = this.#nodes.get(token);
      if (token !== root && node?.ctor && node.scope === 'request') order.push(token);
    };
    walk(root);
    return order;
  }

  #addProvider(provider: Provider): void {
    if (typeof provider === 'function') {
      this.#nodes.set(provider, {
        scope: getDeclaredScope(provider) ?? 'singleton',
        ctor: provider,
      });
      return;
    }
    if (isValueProvider(provider)) {
      this.container.register(provider.provide, { useValue: provider.useValue });
      this.#nodes.set(provider.provide, { scope: 'singleton' });
    } else if (isFactoryProvider(provider)) {
      const factory = provider.useFactory;
      this.container.register(provider.provide, {
        useFactory: instanceCachingFactory((c) => factory(c)),
      });
      this.#nodes.set(provider.provide, { scope: 'singleton' });
    } else if (isClassProvider(provider)) {
      const scope = provider.scope ?? getDeclaredScope(provider.useClass) ?? 'singleton';
      this.#nodes.set(provider.provide, { scope, ctor: provider.useClass });
    } else {
      throw new StartupError(
        CoreErrorCodes.BAD_PROVIDER,
        `A provider must be a class or an object with 'provide' and one of 'useValue', 'useClass', 'useFactory'; got ${JSON.stringify(provider)}.`,
      );
    }
  }

  /** Walks the dependency graph from `token`, registering what it finds; returns whether it is request-bound. */
  #visit(token: Token, path: Token[], role: string): boolean {
    const known = this.#requestBound.get(token);
    if (known !== undefined) return known;
    if (path.includes(token)) throw cycleError([...path.slice(path.indexOf(token)), token]);

    const node = this.#nodeFor(token, path);
    if (!node.ctor) {
      const bound = node.scope === 'request';
      this.#requestBound.set(token, bound);
      return bound;
    }

    const dependencies = dependenciesOf(node.ctor, role);
    this.#dependencies.set(
      token,
      dependencies.map((d) => d.token),
    );
    let bound = node.scope === 'request';
    for (const dependency of dependencies) {
      const dependencyBound = this.#visit(dependency.token, [...path, token], 'service');
      if (dependencyBound && node.scope === 'singleton' && role !== 'controller') {
        throw scopeError(node.ctor, dependency.token);
      }
      bound ||= dependencyBound;
    }

    this.#requestBound.set(token, bound);
    if (role !== 'controller') this.#register(token, node.ctor, node.scope);
    return bound;
  }

  #nodeFor(token: Token, path: Token[]): Node {
    const node = this.#nodes.get(token);
    if (node) return node;
    // Registered straight on the container (by a plugin, say): a ready-made leaf.
    if (this.container.isRegistered(token, true)) return { scope: 'singleton' };

    if (typeof token !== 'function') throw unregisteredTokenError(token, path);
    const ctor = token as Constructor;
    const scope = getDeclaredScope(ctor);
    if (scope === undefined && ctor.length > 0) throw undecoratedError(ctor, path);

    const discovered: Node = { scope: scope ?? 'singleton', ctor };
    this.#nodes.set(token, discovered);
    return discovered;
  }

  #register(token: Token, ctor: Constructor, scope: Scope): void {
    const lifecycle = {
      singleton: Lifecycle.Singleton,
      request: Lifecycle.ContainerScoped,
      transient: Lifecycle.Transient,
    }[scope];
    this.container.register(token, { useClass: ctor }, { lifecycle } as never);
  }
}

interface Dependency {
  index: number;
  token: Token;
}

/** The tokens a class's constructor asks for, from `@Inject` or emitted type metadata. */
function dependenciesOf(ctor: Constructor, role: string): Dependency[] {
  const explicit = getExplicitTokens(ctor);
  const emitted: unknown[] | undefined = Reflect.getMetadata('design:paramtypes', ctor);
  const count = Math.max(
    ctor.length,
    emitted?.length ?? 0,
    ...[...explicit.keys()].map((i) => i + 1),
  );
  const dependencies: Dependency[] = [];

  for (let index = 0; index < count; index++) {
    const token = explicit.get(index) ?? emitted?.[index];
    if (explicit.has(index)) {
      dependencies.push({ index, token: token as Token });
    } else if (emitted === undefined) {
      throw missingMetadataError(ctor, index, role);
    } else if (token === undefined || ERASED_TYPES.has(token)) {
      throw erasedTypeError(ctor, index, token);
    } else {
      dependencies.push({ index, token: token as Token });
    }
  }
  return dependencies;
}

function missingMetadataError(ctor: Constructor, index: number, role: string): StartupError {
  return new StartupError(
    CoreErrorCodes.DI_MISSING_METADATA,
    `Cannot resolve parameter #${index} of ${role} ${ctor.name}: there is no type metadata for it. ` +
      'The code was built without emitDecoratorMetadata (esbuild, tsx and swc leave it out), or the class lacks a decorator.',
    [
      `Name the dependency explicitly: constructor(@Inject(SomeService) dep: SomeService) on parameter #${index} of ${ctor.name}.`,
      'Or build with tsc and "emitDecoratorMetadata": true, and decorate the class with @Injectable() or @Controller().',
    ],
  );
}

function erasedTypeError(ctor: Constructor, index: number, emitted: unknown): StartupError {
  const what = emitted === undefined ? 'undefined (a circular import?)' : tokenName(emitted);
  return new StartupError(
    CoreErrorCodes.DI_UNRESOLVABLE,
    `Cannot resolve parameter #${index} of ${ctor.name}: its emitted type is ${what}, which names no service. ` +
      'Interfaces, unions and type-only imports erase to Object.',
    [
      `Give the parameter a token: @Inject(TOKEN) on parameter #${index} of ${ctor.name}, and provide TOKEN in createApp({ providers }).`,
    ],
  );
}

function undecoratedError(ctor: Constructor, path: Token[]): StartupError {
  return new StartupError(
    CoreErrorCodes.DI_UNRESOLVABLE,
    `Cannot build ${ctor.name}${requiredBy(path)}: it has constructor parameters but is not decorated with @Injectable().`,
    [
      `Decorate ${ctor.name} with @Injectable().`,
      `Or provide it: createApp({ providers: [{ provide: ${ctor.name}, useValue: ... }] }).`,
    ],
  );
}

function unregisteredTokenError(token: Token, path: Token[]): StartupError {
  return new StartupError(
    CoreErrorCodes.DI_UNRESOLVABLE,
    `Nothing is registered for token ${tokenName(token)}${requiredBy(path)}.`,
    [
      `Add it to createApp({ providers: [{ provide: ${tokenName(token)}, useValue | useClass | useFactory }] }).`,
    ],
  );
}

function cycleError(cycle: Token[]): StartupError {
  return new StartupError(
    CoreErrorCodes.DI_CYCLE,
    `Dependency cycle: ${cycle.map(tokenName).join(' -> ')}.`,
    ['Break the cycle: move the shared part into a third service both can depend on.'],
  );
}

function scopeError(ctor: Constructor, dependency: Token): StartupError {
  return new StartupError(
    CoreErrorCodes.DI_SCOPE,
    `Singleton ${ctor.name} depends on ${tokenName(dependency)}, which is request-scoped: the singleton would keep the first request's instance.`,
    dependency === REQUEST_CONTEXT
      ? [`Declare ${ctor.name} with @Injectable({ scope: 'request' }).`]
      : [
          `Declare ${ctor.name} with @Injectable({ scope: 'request' }).`,
          `Or make ${tokenName(dependency)} a singleton.`,
        ],
  );
}

function requiredBy(path: Token[]): string {
  const owner = path[path.length - 1];
  return owner === undefined ? '' : ` (required by ${tokenName(owner)})`;
}
