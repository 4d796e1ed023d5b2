import type { CompiledRoute, JsonSchema, SerializeFn, SerializerPlugin } from '@fastjson-api/core';

export const ROUTE_ID = 'GET /users/:id';

/** A route as `compile()` sees it: only `id` and `schema` are read. */
export function fakeRoute(response?: Record<number, JsonSchema>, id = ROUTE_ID): CompiledRoute {
  const schema = response === undefined ? {} : { response };
  return { id, schema } as unknown as CompiledRoute;
}

/** Compiles a route whose status 200 answers with `schema`. */
export function compileFor(plugin: SerializerPlugin, schema: JsonSchema): SerializeFn {
  return plugin.compile(fakeRoute({ 200: schema }));
}
