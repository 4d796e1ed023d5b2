import type { JsonSchema } from '@fastjson-api/core';

type SchemaObject = Record<string, unknown>;

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  'additionalItems',
  'additionalProperties',
  'contains',
  'else',
  'if',
  'items',
  'not',
  'propertyNames',
  'then',
  'unevaluatedItems',
  'unevaluatedProperties',
]);

/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
  'dependencies',
]);

/**
 * Keywords that may sit next to `type` in a branch of an integer-or-null
 * union without changing what fast-json-stringify writes.
 */
const NEUTRAL_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  '$comment',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
]);

/**
 * Copies a response schema into the form given to fast-json-stringify, once
 * per route at startup. The copy:
 *
 * - drops symbol keys (TypeBox marks every node with `Symbol(TypeBox.Kind)`),
 *   so the caller's schema is never shared with, or changed by, the compiler;
 * - turns TypeBox's JavaScript types into the JSON they are written as:
 *   `Type.Date()` (`type: 'Date'`) becomes a `date-time` string and
 *   `Type.BigInt()` (`type: 'bigint'`) an integer;
 * - writes an integer-or-null union as `{ type: 'integer', nullable: true }`.
 */
export function prepareSchema(schema: JsonSchema): JsonSchema {
  if (typeof schema !== 'object' || schema === null) return schema;

  const copy: SchemaObject = {};
  for (const key of Object.keys(schema)) {
    copy[key] = prepareKeyword(key, schema[key]);
  }
  return nullableInteger(jsonTypes(copy));
}

function prepareKeyword(key: string, value: unknown): unknown {
  if (SCHEMA_KEYWORDS.has(key) || SCHEMA_LIST_KEYWORDS.has(key)) {
    return Array.isArray(value) ? value.map(prepareSubschema) : prepareSubschema(value);
  }
  if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
    const map: SchemaObject = {};
    for (const name of Object.keys(value)) map[name] = prepareSubschema(value[name]);
    return map;
  }
  // const, enum, default, examples and unknown keywords hold data, not schemas.
  return copyData(value);
}

function prepareSubschema(value: unknown): unknown {
  // `dependencies` may also hold a list of property names.
  return isObject(value) || typeof value === 'boolean' ? prepareSchema(value) : copyData(value);
}

function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (!isPlainObject(value)) return value;
  const copy: SchemaObject = {};
  for (const key of Object.keys(value)) copy[key] = copyData(value[key]);
  return copy;
}

function jsonTypes(schema: SchemaObject): SchemaObject {
  if (schema.type === 'Date') {
    return { ...schema, type: 'string', format: schema.format ?? 'date-time' };
  }
  if (schema.type === 'bigint') return { ...schema, type: 'integer' };
  return schema;
}

/*
 * fast-json-stringify writes a BigInt with all its digits in an integer field,
 * nullable or not, but rejects one in `type: ['integer', 'null']` and in an
 * anyOf/oneOf union: those test `Number.isInteger` or run Ajv, and both say no
 * to a BigInt. A nullable BigInt id would then take the slow path on every
 * response. The rewrite writes the same JSON for every value the union accepts.
 */
function nullableInteger(schema: SchemaObject): SchemaObject {
  if (Array.isArray(schema.type) && isIntegerOrNull(schema.type)) {
    return { ...schema, type: 'integer', nullable: true };
  }
  for (const key of ['anyOf', 'oneOf']) {
    const branches = schema[key];
    if (!Array.isArray(branches) || !isIntegerOrNullUnion(branches)) continue;
    if ('type' in schema) continue;
    const rewritten: SchemaObject = { ...schema, type: 'integer', nullable: true };
    delete rewritten[key];
    return rewritten;
  }
  return schema;
}

function isIntegerOrNull(types: unknown[]): boolean {
  return types.length === 2 && types.includes('integer') && types.includes('null');
}

function isIntegerOrNullUnion(branches: unknown[]): boolean {
  if (branches.length !== 2 || !branches.every(isPlainTypeBranch)) return false;
  return isIntegerOrNull(branches.map((branch) => (branch as SchemaObject).type));
}

function isPlainTypeBranch(branch: unknown): boolean {
  return isObject(branch) && Object.keys(branch).every((key) => NEUTRAL_KEYWORDS.has(key));
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is SchemaObject {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
