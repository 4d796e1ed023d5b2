import type { JsonSchema } from '@fastjson-api/core';

type SchemaObject = Record<string, unknown>;
type Fields = Record<string, unknown>;

/** Keywords that say what a value must be; without any, a schema allows anything. */
const SHAPE_KEYWORDS = ['type', 'const', 'enum', 'items', 'prefixItems', '$ref'];

/** Where `$ref`s resolve: the route's schema and the shared schemas, by `$id`. */
export interface RefScope {
  readonly root: JsonSchema;
  readonly byId: ReadonlyMap<string, JsonSchema>;
}

/** A schema that applies to a value, with the document its `#...` refs point into. */
interface View {
  readonly schema: SchemaObject;
  readonly doc: JsonSchema;
}

/**
 * Copies `value`, keeping only what `schema` declares, for the slow path: the
 * copy goes to `stringifyJson`, which writes BigInts and Dates by the kit's
 * rules. It keeps the guarantee of the fast path, that a property the schema
 * does not declare is never written, and it never throws on a value that
 * does not fit: a missing required field is left out, a mistyped object
 * becomes `null`.
 *
 * Where the schema allows anything (no keyword, `true`, `additionalProperties:
 * true`, an array without `items`) the value is kept whole, as
 * fast-json-stringify does.
 */
export function projectValue(value: unknown, scope: RefScope): unknown {
  return project(value, scope.root, scope.root, scope);
}

function project(value: unknown, schema: JsonSchema, doc: JsonSchema, scope: RefScope): unknown {
  if (schema === false) return undefined;
  if (schema === true) return value;

  const views = collectViews(schema, doc, scope, [], new Set());
  if (value instanceof Date) return writeDate(value, views);

  const plain = toJsonValue(value);
  if (plain === null || typeof plain !== 'object') return plain;

  if (Array.isArray(plain)) {
    const list = views.find((view) => 'items' in view.schema || 'prefixItems' in view.schema);
    if (list) return projectItems(plain, list, scope);
    // An array without `items` is written whole by fast-json-stringify too.
    if (views.some((view) => allowsType(view.schema, 'array'))) return plain;
  } else {
    const shapes = views.filter((view) => declaresObject(view.schema));
    if (shapes.length > 0) {
      const parts = shapes.map((view) => projectProperties(plain as Fields, view, scope));
      return Object.assign(Object.create(null), ...parts) as Fields;
    }
  }
  return views.some((view) => constrains(view.schema)) ? null : plain;
}

function projectProperties(value: Fields, { schema, doc }: View, scope: RefScope): Fields {
  const out: Fields = Object.create(null);
  const properties = asMap(schema.properties);
  for (const key of Object.keys(properties)) {
    const subschema = properties[key] as JsonSchema;
    const field = value[key] !== undefined ? value[key] : defaultOf(subschema);
    if (field === undefined) continue;
    put(out, key, project(field, subschema, doc, scope));
  }

  const patterns = Object.entries(asMap(schema.patternProperties));
  const extra = schema.additionalProperties as JsonSchema | undefined;
  if (patterns.length === 0 && (extra === undefined || extra === false)) return out;

  const tests = patterns.map(([source, subschema]) => {
    return [new RegExp(source, 'u'), subschema] as const;
  });
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(properties, key)) continue;
    const match = tests.find(([pattern]) => pattern.test(key));
    const subschema = (match ? match[1] : extra) as JsonSchema | undefined;
    if (subschema === undefined) continue;
    put(out, key, project(value[key], subschema, doc, scope));
  }
  return out;
}

function projectItems(items: unknown[], { schema, doc }: View, scope: RefScope): unknown[] {
  const tuple = Array.isArray(schema.items) ? schema.items : schema.prefixItems;
  if (!Array.isArray(tuple)) {
    return items.map((item) => project(item, schema.items as JsonSchema, doc, scope));
  }

  // Draft 7 tuples take their tail from additionalItems, 2020-12 ones from items.
  const tail = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const subschema = (i < tuple.length ? tuple[i] : tail) as JsonSchema | undefined;
    if (subschema === undefined || subschema === false) break;
    out.push(project(items[i], subschema, doc, scope));
  }
  return out;
}

/**
 * The schema itself plus every schema it points to or combines. A value is
 * kept when any of them declares it: the branch fast-json-stringify would
 * have picked is not known here, and every branch is part of the contract.
 */
function collectViews(
  schema: JsonSchema,
  doc: JsonSchema,
  scope: RefScope,
  views: View[],
  seen: Set<object>,
): View[] {
  if (typeof schema !== 'object' || seen.has(schema)) return views;
  seen.add(schema);
  views.push({ schema, doc });

  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref, doc, scope);
    if (target) collectViews(target.schema, target.doc, scope, views, seen);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const branch of list) collectViews(branch, doc, scope, views, seen);
  }
  for (const key of ['if', 'then', 'else']) {
    const branch = schema[key];
    if (branch !== undefined) collectViews(branch as JsonSchema, doc, scope, views, seen);
  }
  return views;
}

function resolveRef(ref: string, doc: JsonSchema, scope: RefScope): View | undefined {
  const hash = ref.indexOf('#');
  const id = hash === -1 ? ref : ref.slice(0, hash);
  const target = id === '' ? doc : scope.byId.get(id);
  if (target === undefined) return undefined;

  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  const schema = pointer === '' ? target : followPointer(target, pointer);
  return typeof schema === 'object' && schema !== null ? { schema, doc: target } : undefined;
}

/** Follows a JSON pointer (RFC 6901); named anchors are not looked up. */
function followPointer(doc: JsonSchema, pointer: string): SchemaObject | undefined {
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = doc;
  for (const token of pointer.slice(1).split('/')) {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    const fields = node as Fields;
    node = key in fields ? fields[key] : fields[safeDecode(key)];
  }
  return typeof node === 'object' && node !== null ? (node as SchemaObject) : undefined;
}

function writeDate(date: Date, views: View[]): string | null {
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  // fast-json-stringify writes only the part that a `date` or `time` format names.
  const format = views.find((view) => typeof view.schema.format === 'string')?.schema.format;
  if (iso.length !== 24) return iso;
  if (format === 'date') return iso.slice(0, 10);
  if (format === 'time') return iso.slice(11, 19);
  return iso;
}

/** What JSON.stringify writes for an object with a `toJSON`, e.g. a Decimal. */
function toJsonValue(value: unknown): unknown {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(value) : value;
}

function declaresObject(schema: SchemaObject): boolean {
  return (
    'properties' in schema ||
    'patternProperties' in schema ||
    'additionalProperties' in schema ||
    allowsType(schema, 'object')
  );
}

/** Whether the schema says anything about the value's type or shape. */
function constrains(schema: SchemaObject): boolean {
  return SHAPE_KEYWORDS.some((key) => key in schema) || declaresObject(schema);
}

function allowsType(schema: SchemaObject, type: string): boolean {
  return schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));
}

function defaultOf(schema: JsonSchema): unknown {
  return typeof schema === 'object' ? schema.default : undefined;
}

function asMap(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {};
}

function put(out: Fields, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}
