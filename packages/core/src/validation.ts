import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { CoreErrorCodes, StartupError, ValidationError, type FieldError } from './errors.js';
import type { RequestContext } from './context.js';
import type { JsonSchema, RouteSchema } from './schema.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ??
  formatsPlugin) as (ajv: Ajv) => Ajv;

/**
 * Two ajv instances per app: one that coerces (params, query and headers
 * arrive as strings) and one that validates the body exactly as sent, never
 * changing it: no coercion, no defaults, no removal.
 */
export class Validators {
  readonly coercing: Ajv;
  readonly exact: Ajv;
  readonly #branchCache = new WeakMap<object, ValidateFunction>();

  constructor() {
    const common = { allErrors: true, strict: false, allowUnionTypes: true } as const;
    this.coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array', useDefaults: true }));
    this.exact = addFormats(new Ajv({ ...common }));
  }

  /** A memoized validator of one sub-schema, for picking `oneOf`/`anyOf` branches. */
  matcher(schema: object): ValidateFunction {
    let validate = this.#branchCache.get(schema);
    if (!validate) {
      validate = this.exact.compile(schema);
      this.#branchCache.set(schema, validate);
    }
    return validate;
  }
}

type Location = 'params' | 'query' | 'headers' | 'body';

/**
 * A number as JSON writes it. ajv coerces any string that JavaScript turns
 * into a number (`' '` to 0, `'0x10'` to 16, `'0b101'` to 5); parameters that
 * declare a number must be written like this instead, so that one value has
 * few spellings (and few cache keys) and blank values are not read as 0.
 */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** The top-level properties of a params, query or headers schema that declare numbers. */
function numericProperties(schema: JsonSchema | undefined): string[] {
  const properties = (schema as SchemaObject | undefined)?.properties;
  if (typeof properties !== 'object' || properties === null) return [];
  const isNumeric = (part: SchemaObject | undefined) => {
    const types = [part?.type].flat();
    return types.includes('number') || types.includes('integer');
  };
  return Object.entries(properties as Record<string, SchemaObject>)
    .filter(
      ([, property]) =>
        isNumeric(property) || (property?.type === 'array' && isNumeric(property.items)),
    )
    .map(([name]) => name);
}

/**
 * A string ajv would coerce to a number (it does when `value == +value`, that
 * is, when `Number(value)` is not NaN) that is not a JSON number. Other
 * strings fail ajv's own type check, with its own message.
 */
function isOddNumber(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    value !== '' &&
    !Number.isNaN(Number(value)) &&
    !JSON_NUMBER.test(value)
  );
}

/**
 * Adds an error for each numeric property of `values` whose raw string is not
 * a JSON number, and returns the pointers it reported, before ajv coerces.
 */
function checkNumberSpelling(
  names: readonly string[],
  values: Record<string, unknown>,
  location: Location,
  errors: FieldError[],
): Set<string> {
  const reported = new Set<string>();
  for (const name of names) {
    const raw = values[name];
    const spellings = Array.isArray(raw) ? raw : [raw];
    if (!spellings.some(isOddNumber)) continue;
    const pointer = `/${location}/${escapePointer(name)}`;
    reported.add(pointer);
    errors.push({ pointer, reason: 'must be a number written in decimal, as JSON writes it' });
  }
  return reported;
}

/** A route's request checks, compiled at startup. */
export class RequestValidator {
  readonly #params?: ValidateFunction;
  readonly #query?: ValidateFunction;
  readonly #headers?: ValidateFunction;
  readonly #body?: ValidateFunction;
  readonly #bodySchema?: JsonSchema;
  readonly #strip: boolean;
  readonly #validators: Validators;
  readonly #numeric: Readonly<Record<'params' | 'query' | 'headers', readonly string[]>>;

  constructor(routeId: string, schema: RouteSchema, validators: Validators, stripUnknown: boolean) {
    const compile = (ajv: Ajv, part: JsonSchema | undefined, location: Location) =>
      part === undefined ? undefined : compileOrThrow(ajv, part, routeId, location);

    this.#params = compile(validators.coercing, schema.params, 'params');
    this.#query = compile(validators.coercing, schema.query, 'query');
    this.#headers = compile(validators.coercing, schema.headers, 'headers');
    this.#body = compile(validators.exact, schema.body, 'body');
    this.#bodySchema = schema.body;
    this.#strip = stripUnknown;
    this.#validators = validators;
    this.#numeric = {
      params: numericProperties(schema.params),
      query: numericProperties(schema.query),
      headers: numericProperties(schema.headers),
    };
  }

  get isEmpty(): boolean {
    return !this.#params && !this.#query && !this.#headers && !this.#body;
  }

  /** Validates and coerces the request's parts; throws a ValidationError listing every failing field. */
  run(ctx: RequestContext): void {
    const errors: FieldError[] = [];

    if (this.#params) this.#checkCoerced(this.#params, ctx.params, 'params', errors);
    if (this.#query) this.#checkCoerced(this.#query, ctx.query, 'query', errors);
    if (this.#headers) {
      const headers = { ...ctx.headers };
      if (this.#checkCoerced(this.#headers, headers, 'headers', errors))
        ctx.state.set(VALIDATED_HEADERS, headers);
    }
    if (this.#body && check(this.#body, ctx.body, 'body', errors) && this.#strip) {
      ctx.body = prune(this.#bodySchema!, ctx.body, this.#validators);
    }

    if (errors.length > 0) throw new ValidationError(errors);
  }

  /** Checks how numbers are written, then lets ajv coerce and check; one error per field. */
  #checkCoerced(
    validate: ValidateFunction,
    values: Record<string, unknown>,
    location: 'params' | 'query' | 'headers',
    errors: FieldError[],
  ): boolean {
    const names = this.#numeric[location];
    const misspelled =
      names.length === 0 ? undefined : checkNumberSpelling(names, values, location, errors);
    if (misspelled === undefined || misspelled.size === 0)
      return check(validate, values, location, errors);

    const found: FieldError[] = [];
    check(validate, values, location, found);
    for (const error of found) if (!misspelled.has(error.pointer)) errors.push(error);
    return false;
  }
}

/** Key in `RequestContext.state` of the coerced copy of the headers. */
export const VALIDATED_HEADERS = Symbol('fastjson-api:validated-headers');

function compileOrThrow(
  ajv: Ajv,
  schema: JsonSchema,
  routeId: string,
  location: Location,
): ValidateFunction {
  try {
    return ajv.compile(schema as object);
  } catch (error) {
    throw new StartupError(
      CoreErrorCodes.BAD_SCHEMA,
      `The ${location} schema of route ${routeId} does not compile: ${(error as Error).message}.`,
      ['Check the schema against JSON Schema draft-07 (the dialect ajv uses by default).'],
      { cause: error },
    );
  }
}

function check(
  validate: ValidateFunction,
  value: unknown,
  location: Location,
  errors: FieldError[],
): boolean {
  if (validate(value)) return true;
  for (const error of validate.errors ?? []) errors.push(toFieldError(error, location));
  return false;
}

function toFieldError(error: ErrorObject, location: Location): FieldError {
  const base = `/${location}${error.instancePath}`;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: `${base}/${escapePointer(error.params.missingProperty)}`,
        reason: 'is required',
      };
    case 'additionalProperties':
      return {
        pointer: `${base}/${escapePointer(error.params.additionalProperty)}`,
        reason: 'is not allowed',
      };
    default:
      return { pointer: base, reason: error.message ?? `fails '${error.keyword}'` };
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

type SchemaObject = Record<string, any>;

/**
 * A copy of `value` holding only what `schema` declares. For `oneOf`/`anyOf`
 * the branches that accept the value decide, so a body that matches a branch
 * keeps everything that branch declares.
 */
export function prune(schema: JsonSchema, value: unknown, validators: Validators): unknown {
  if (typeof schema !== 'object' || value === null || typeof value !== 'object') return value;

  if (Array.isArray(value)) {
    const items = (schema as SchemaObject).items;
    return value.map((item, i) =>
      prune(Array.isArray(items) ? (items[i] ?? true) : (items ?? true), item, validators),
    );
  }

  const declared = declaredProperties(schema as SchemaObject, value, validators);
  if (declared === undefined) return structuredClone(value);

  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [key, propertySchema] of declared) {
    if (Object.hasOwn(source, key)) copy[key] = prune(propertySchema, source[key], validators);
  }
  return copy;
}

/** Declared properties of an object schema, or `undefined` when it lets any property through. */
function declaredProperties(
  schema: SchemaObject,
  value: object,
  validators: Validators,
): Map<string, JsonSchema> | undefined {
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false)
    return undefined;
  if (schema.patternProperties !== undefined) return undefined;

  // Every anyOf branch that accepts the value counts, not only the first:
  // a body valid against a later, wider branch keeps what that branch declares.
  const branches: unknown[] = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  const matching = branches.filter(
    (b): b is SchemaObject => typeof b === 'object' && b !== null && validators.matcher(b)(value),
  );
  const parts: SchemaObject[] = [schema, ...(schema.allOf ?? []), ...matching];

  const properties = new Map<string, JsonSchema>();
  let declaresAny = false;
  for (const part of parts) {
    if (part === schema) {
      if (part.properties) declaresAny = true;
    } else {
      const nested = declaredProperties(part, value, validators);
      if (nested === undefined) return undefined;
      declaresAny = true;
      for (const [key, sub] of nested) properties.set(key, sub);
      continue;
    }
    for (const [key, sub] of Object.entries(part.properties ?? {}))
      properties.set(key, sub as JsonSchema);
  }
  return declaresAny ? properties : undefined;
}
