/**
 * A JSON Schema object. TypeBox schemas (`Type.Object(...)`) are JSON Schema
 * objects too, and give the handler's types through `Static<typeof Schema>`.
 */
export type JsonSchema = Record<string, unknown> | boolean;

/** Schemas of one route. Everything here is compiled once, at startup. */
export interface RouteSchema {
  /** Path parameters; values are coerced to the declared types. */
  params?: JsonSchema;
  /** Query string; values are coerced, a repeated name gives an array. */
  query?: JsonSchema;
  /** Request headers, by lower-case name; coerced like the query. */
  headers?: JsonSchema;
  /** JSON request body; validated as sent, never coerced or changed in place. */
  body?: JsonSchema;
  /** Response body per status code, e.g. `{ 200: City, 404: Problem }`. */
  response?: Record<number, JsonSchema>;
}
