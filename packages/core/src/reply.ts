/** Response headers as the kit passes them around: lower-case names. */
export type HeaderMap = Record<string, string | string[]>;

/**
 * A finished response, ready for the transport to write: status, headers and
 * the serialized body bytes. Replies may be shared between requests (single
 * flight, cache hits): treat them as immutable and copy `headers` to change it.
 */
export interface Reply {
  readonly status: number;
  readonly headers: HeaderMap;
  /** Serialized body; `undefined` for 204, 304 and bodiless replies. */
  readonly body: Buffer | undefined;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
