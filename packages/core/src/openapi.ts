import type { JsonSchema } from './schema.js';
import type { CompiledRoute } from './route.js';

/** What the document says about the API as a whole. */
export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
  /** Where the API is served, e.g. `[{ url: 'https://api.example.com' }]`. */
  servers?: ReadonlyArray<{ url: string; description?: string }>;
}

/** `createApp({ openapi })`: serve the document of the app's routes. */
export interface OpenApiOptions extends OpenApiInfo {
  /** Path the document is served at. Default `'/openapi.json'`. */
  path?: string;
}

type Json = Record<string, unknown>;

const PROBLEM_TYPE = 'application/problem+json';

/**
 * The OpenAPI 3.1 document of `routes`, built from the same schemas that
 * validate requests and serialize responses: what it declares is what the
 * app checks. Call it after `await app.ready()` with `app.routes`, or let
 * `createApp({ openapi })` serve it.
 */
export function openApiDocument(routes: readonly CompiledRoute[], info: OpenApiInfo): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = templatePath(route.path);
    paths[path] ??= {};
    paths[path]![route.method.toLowerCase()] = operation(route);
  }

  const document: Json = {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      ...(info.description && { description: info.description }),
    },
  };
  if (info.servers?.length) document.servers = info.servers.map((s) => ({ ...s }));
  document.paths = paths;
  document.components = {
    schemas: { Problem: PROBLEM_SCHEMA },
    responses: {
      Problem: {
        description: 'An RFC 9457 problem document.',
        content: { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  };
  return document;
}

/** `/cities/:id` (@koa/router) to `/cities/{id}` (OpenAPI). */
export function templatePath(path: string): string {
  return path.replace(/[:*]([A-Za-z_$][\w$]*)/g, '{$1}');
}

function operation(route: CompiledRoute): Json {
  const { schema, options } = route;
  const op: Json = {
    operationId: `${route.controller.name}.${route.handler}`,
    tags: [tagOf(route.controller.name)],
  };
  if (options.summary) op.summary = options.summary;
  if (options.description) op.description = options.description;

  const parameters = [
    ...pathParameters(route),
    ...parametersOf(schema.query, 'query'),
    ...parametersOf(schema.headers, 'header'),
  ];
  if (parameters.length) op.parameters = parameters;

  if (schema.body !== undefined) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: plain(schema.body) } },
    };
  }

  op.responses = responses(route);
  if (route.cache) {
    op['x-fastjson-cache'] = {
      ttl: route.cache.ttl,
      ...(route.cache.swr > 0 && { swr: route.cache.swr }),
      ...(route.cache.vary?.length && { vary: [...route.cache.vary] }),
      scope: route.cache.scope ?? 'shared',
    };
  }
  return op;
}

function responses(route: CompiledRoute): Json {
  const declared = route.schema.response ?? {};
  const result: Json = {};
  const success = String(route.successStatus);

  for (const [status, body] of Object.entries(declared)) {
    result[status] = {
      description: describeStatus(Number(status)),
      content: { [contentType(Number(status))]: { schema: plain(body) } },
    };
  }
  if (!(success in result)) result[success] = { description: describeStatus(route.successStatus) };
  if (route.cache) {
    (result[success] as Json).headers = CACHE_HEADERS;
    result['304'] = {
      description: 'Not Modified: the If-None-Match validator matches the current entry.',
      headers: { ETag: CACHE_HEADERS.ETag },
    };
  }

  const { params, query, headers, body } = route.schema;
  if (!('400' in result) && (params ?? query ?? headers ?? body) !== undefined) {
    result['400'] = {
      description:
        'The request does not match its schema; `errors` lists every failing field as a JSON pointer.',
      content: { [PROBLEM_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  result.default = { $ref: '#/components/responses/Problem' };
  return result;
}

/** Every `{name}` of the path, with the schema the params schema gives it (a string otherwise). */
function pathParameters(route: CompiledRoute): Json[] {
  const properties = propertiesOf(route.schema.params);
  const names = [...templatePath(route.path).matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return names.map((name) => {
    const schema = properties?.properties[name];
    return parameter(name, 'path', true, schema ?? { type: 'string' });
  });
}

function parametersOf(schema: JsonSchema | undefined, location: 'query' | 'header'): Json[] {
  const object = propertiesOf(schema);
  if (!object) return [];
  return Object.entries(object.properties).map(([name, property]) =>
    parameter(name, location, object.required.has(name), property),
  );
}

function parameter(name: string, location: string, required: boolean, schema: JsonSchema): Json {
  const param: Json = { name, in: location };
  if (required) param.required = true;
  if (typeof schema === 'object' && typeof schema.description === 'string')
    param.description = schema.description;
  param.schema = plain(schema);
  return param;
}

function propertiesOf(
  schema: JsonSchema | undefined,
): { properties: Record<string, JsonSchema>; required: Set<string> } | undefined {
  if (
    typeof schema !== 'object' ||
    typeof schema.properties !== 'object' ||
    schema.properties === null
  )
    return undefined;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return {
    properties: schema.properties as Record<string, JsonSchema>,
    required: new Set(required),
  };
}

/** A schema as plain JSON: TypeBox's symbol keys and anything else JSON cannot say are left out. */
function plain(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema)) as JsonSchema;
}

function contentType(status: number): string {
  return status >= 400 ? PROBLEM_TYPE : 'application/json';
}

function tagOf(controllerName: string): string {
  return controllerName.replace(/Controller$/, '') || controllerName;
}

function describeStatus(status: number): string {
  return STATUS_TEXT[status] ?? (status < 400 ? 'Success' : 'Error');
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
};

const CACHE_HEADERS = {
  ETag: { description: 'Strong validator of the cached entry.', schema: { type: 'string' } },
  'X-Cache': {
    description: 'How the cache answered.',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE', 'BYPASS'] },
  },
  'Cache-Control': {
    description: '`public, max-age=<seconds left>`, or `private, no-store` for a bypass.',
    schema: { type: 'string' },
  },
  Age: { description: 'Seconds since the entry was stored.', schema: { type: 'integer' } },
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Present on validation failures: every failing field.',
      items: {
        type: 'object',
        required: ['pointer', 'reason'],
        properties: { pointer: { type: 'string' }, reason: { type: 'string' } },
      },
    },
    errorsOmitted: {
      type: 'integer',
      description: 'Failing fields left out of `errors` past its cap.',
    },
  },
};
