/**
 * @module @fastjson-api/transport-koa
 * Koa 3 + @koa/router transport for fastjson-api.
 */
export { koaTransport } from './transport.js';
export type { KoaTransportOptions } from './options.js';
