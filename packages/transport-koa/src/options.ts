import { parseBytes } from '@fastjson-api/core';

/** Options of `koaTransport()`. */
export interface KoaTransportOptions {
  /** Largest JSON body in bytes or as `'2mb'`; a route's `bodyLimit` overrides it. Default `'1mb'`. */
  bodyLimit?: number | string;
  /**
   * How deep arrays and objects may nest in a JSON body; deeper is a 400.
   * Default 64. It keeps recursive work on a body (validation, copies,
   * serialization) far from the stack's limit.
   */
  bodyDepthLimit?: number;
  /** Time to receive a request's headers, in ms. Default 10 000. */
  headersTimeoutMs?: number;
  /** Time to receive a whole request, in ms. Default 30 000. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms. Default 5 000. */
  keepAliveTimeoutMs?: number;
  /** How long `close()` waits for in-flight requests before cutting connections, in ms. Default 10 000. */
  closeTimeoutMs?: number;
}

export interface ResolvedOptions {
  bodyLimit: number;
  bodyDepthLimit: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  closeTimeoutMs: number;
}

export function resolveOptions(options: KoaTransportOptions): ResolvedOptions {
  const bodyLimit = parseBytes(options.bodyLimit ?? '1mb');
  if (bodyLimit === undefined) {
    throw new TypeError(
      `koaTransport: bodyLimit must be a byte count or a size like '2mb'; got ${JSON.stringify(options.bodyLimit)}`,
    );
  }
  const bodyDepthLimit = options.bodyDepthLimit ?? 64;
  if (!Number.isInteger(bodyDepthLimit) || bodyDepthLimit < 1) {
    throw new TypeError(
      `koaTransport: bodyDepthLimit must be a whole number of levels, 1 or more; got ${JSON.stringify(options.bodyDepthLimit)}`,
    );
  }
  return {
    bodyLimit,
    bodyDepthLimit,
    headersTimeoutMs: positive('headersTimeoutMs', options.headersTimeoutMs, 10_000),
    requestTimeoutMs: positive('requestTimeoutMs', options.requestTimeoutMs, 30_000),
    keepAliveTimeoutMs: positive('keepAliveTimeoutMs', options.keepAliveTimeoutMs, 5_000),
    closeTimeoutMs: positive('closeTimeoutMs', options.closeTimeoutMs, 10_000),
  };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(
      `koaTransport: ${name} must be a positive number of milliseconds; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
