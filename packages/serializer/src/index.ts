/**
 * @module @fastjson-api/serializer
 * Serializer plugins for fastjson-api: plain JSON, or response schemas
 * compiled with fast-json-stringify. Both write Dates and BigInts alike.
 */

// Plugins
export { jsonSerializer } from './json-serializer.js';
export { schemaSerializer } from './schema-serializer.js';
export type { SchemaSerializerOptions, FallbackEvent } from './schema-serializer.js';

// Errors
export { SerializerErrorCodes } from './errors.js';
