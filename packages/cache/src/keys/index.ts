/**
 * @module
 * Cache keys: pure functions, run on every cacheable request.
 */
export { baseKey } from './base-key.js';
export { canonicalQuery } from './query.js';
export { varyPart } from './vary.js';
