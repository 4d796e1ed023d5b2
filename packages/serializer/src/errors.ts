import { StartupError } from '@fastjson-api/core';

/** Startup error codes of @fastjson-api/serializer. */
export const SerializerErrorCodes = {
  BAD_SCHEMA: 'FJA_ERR_SERIALIZER_BAD_SCHEMA',
} as const;

/** A response schema that fast-json-stringify refused to compile. */
export function badSchemaError(routeId: string, status: number, cause: unknown): StartupError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StartupError(
    SerializerErrorCodes.BAD_SCHEMA,
    `Route ${routeId}: the response schema for status ${status} cannot be compiled ` +
      `by fast-json-stringify: ${reason}`,
    [
      'Check the schema: types are string, number, integer, boolean, null, array and object (JSON Schema draft 7).',
      'Register the schemas that a $ref points to with schemaSerializer({ schemas: [...] }).',
      `Or remove the response schema for status ${status}: the body is then written by JSON.stringify, unfiltered.`,
    ],
    { cause },
  );
}

/** A `response` key that is not an HTTP status code. */
export function badStatusError(routeId: string, key: string): StartupError {
  return new StartupError(
    SerializerErrorCodes.BAD_SCHEMA,
    `Route ${routeId}: the response schema key '${key}' is not an HTTP status code (100 to 599).`,
    ['Key each response schema by its status, e.g. { 200: City, 404: Problem }.'],
  );
}
