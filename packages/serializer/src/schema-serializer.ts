import fjsModule from 'fast-json-stringify';
import { stringifyJson } from '@fastjson-api/core';
import type { CompiledRoute, JsonSchema, SerializeFn, SerializerPlugin } from '@fastjson-api/core';
import { badSchemaError, badStatusError } from './errors.js';
import { prepareSchema } from './prepare-schema.js';
import { projectValue, type RefScope } from './project.js';

type WriteFn = (value: unknown) => string;

/** fast-json-stringify's build(), typed for plain JSON Schema objects, which it checks itself. */
type BuildFn = (schema: JsonSchema, options: Record<string, unknown>) => WriteFn;

// fast-json-stringify is CommonJS. Node hands its module.exports to a default
// import, while some bundlers and loaders hand over the namespace object: take
// whichever of the two is the build function.
const buildStringify = (fjsModule.default ?? fjsModule) as unknown as BuildFn;

/** Reported when fast-json-stringify rejects a value and the slow path writes it. */
export interface FallbackEvent {
  /** The route, e.g. `'GET /users/:id'`. */
  readonly routeId: string;
  /** The status whose response schema was in use. */
  readonly status: number;
  /** What fast-json-stringify threw. */
  readonly error: unknown;
}

/** Options of {@link schemaSerializer}. */
export interface SchemaSerializerOptions {
  /**
   * Schemas that response schemas point to with `$ref`, each with a string
   * `$id` (a TypeBox `Type.Ref(User)` points to `User.$id`). Compiled into
   * every route that uses them. Default: none.
   */
  readonly schemas?: readonly JsonSchema[];
  /**
   * Called when fast-json-stringify rejects a value (a required field is
   * missing, a BigInt sits where it cannot write one, a Date is invalid),
   * before the body is written by the slow path instead. The slow path keeps
   * the schema's filtering and the Date and BigInt rules, but runs about ten
   * times slower: use the hook to log or count these responses. Default:
   * none, the fallback is silent.
   */
  readonly onFallback?: (event: FallbackEvent) => void;
}

/**
 * A serializer that compiles each route's response schemas, one per status,
 * with fast-json-stringify at startup. Only the properties a schema declares
 * are written, so an internal field such as `passwordHash` never leaves the
 * server. A status without a response schema is written by `stringifyJson`.
 *
 * @throws StartupError `FJA_ERR_SERIALIZER_BAD_SCHEMA`, from `compile()`, when
 * a response schema cannot be compiled or is keyed by something other than a
 * status code.
 *
 * @example
 * const User = Type.Object({ id: Type.Integer(), name: Type.String() });
 * // on a controller: @Get('/:id', { response: { 200: User } })
 * const app = createApp({
 *   controllers: [UserController],
 *   plugins: [koaTransport(), schemaSerializer()],
 * });
 */
export function schemaSerializer(options: SchemaSerializerOptions = {}): SerializerPlugin {
  const { schemas = [], onFallback } = options;
  checkOptions(schemas, onFallback);

  return {
    name: 'schema-serializer',
    kind: 'serializer',
    compile(route: CompiledRoute): SerializeFn {
      const response = route.schema.response;
      if (response === undefined) return stringifyJson;

      const writers = new Map<number, WriteFn>();
      for (const key of Object.keys(response)) {
        const status = toStatus(route.id, key);
        const compile = { routeId: route.id, status, schemas, onFallback };
        const schema = (response as Record<string, JsonSchema>)[key]!;
        writers.set(status, compileStatus(schema, compile));
      }
      return (value, status) => (writers.get(status) ?? stringifyJson)(value);
    },
  };
}

interface StatusCompile {
  readonly routeId: string;
  readonly status: number;
  readonly schemas: readonly JsonSchema[];
  readonly onFallback: ((event: FallbackEvent) => void) | undefined;
}

function compileStatus(schema: JsonSchema, compile: StatusCompile): WriteFn {
  const { routeId, status, onFallback } = compile;
  const { fast, scope } = build(schema, compile);

  return (value) => {
    try {
      return fast(value);
    } catch (error) {
      onFallback?.({ routeId, status, error });
      return stringifyJson(projectValue(value, scope));
    }
  };
}

function build(schema: JsonSchema, compile: StatusCompile): { fast: WriteFn; scope: RefScope } {
  try {
    const root = prepareSchema(schema);
    const shared = new Map(compile.schemas.map((s) => [idOf(s), prepareSchema(s)]));
    const fast = buildStringify(root, {
      schema: Object.fromEntries(shared),
      // Ajv validators (anyOf, oneOf, if) are compiled now, so that a bad
      // pattern fails at startup instead of on the first request.
      compileValidators: true,
      // Ajv would print strict-mode warnings to the console; a library stays quiet.
      ajv: { logger: false },
    });
    return { fast, scope: { root, byId: indexIds(root, shared) } };
  } catch (error) {
    throw badSchemaError(compile.routeId, compile.status, error);
  }
}

function toStatus(routeId: string, key: string): number {
  const status = Number(key);
  if (!Number.isInteger(status) || status < 100 || status > 599) throw badStatusError(routeId, key);
  return status;
}

function checkOptions(schemas: unknown, onFallback: unknown): void {
  if (onFallback !== undefined && typeof onFallback !== 'function') {
    throw new TypeError(
      `schemaSerializer(): option 'onFallback' must be a function, got ${typeof onFallback}`,
    );
  }
  if (!Array.isArray(schemas)) {
    throw new TypeError(
      `schemaSerializer(): option 'schemas' must be an array of schemas, got ${typeof schemas}`,
    );
  }
  const seen = new Set<string>();
  for (const schema of schemas) {
    const id = idOf(schema);
    if (seen.has(id)) {
      throw new TypeError(
        `schemaSerializer(): option 'schemas' holds two schemas with $id '${id}'; give each its own`,
      );
    }
    seen.add(id);
  }
}

function idOf(schema: unknown): string {
  const id = (schema as { $id?: unknown } | null)?.$id;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(
      "schemaSerializer(): each schema in option 'schemas' needs a string $id, e.g. Type.Object({...}, { $id: 'User' })",
    );
  }
  return id;
}

/** The shared schemas plus every `$id` inside the route schema: `$ref` targets of the slow path. */
function indexIds(root: JsonSchema, shared: Map<string, JsonSchema>): Map<string, JsonSchema> {
  const byId = new Map(shared);
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const id = (node as { $id?: unknown }).$id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node as JsonSchema);
    for (const child of Object.values(node)) visit(child);
  };
  visit(root);
  return byId;
}
