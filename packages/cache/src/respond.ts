import type { HeaderMap, Reply } from '@fastjson-api/core';
import { matchesIfNoneMatch } from './conditional.js';
import { chooseEncoding, compress, type CompressionOptions, type Encoding } from './encoding.js';
import type { CacheEntry } from './store/types.js';

export type CacheState = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

/** Called once a compressed form is made, so the store can keep it with the entry. */
export type OnCompressed = (
  key: string,
  entry: CacheEntry,
  encoding: Encoding,
  bytes: Buffer,
) => void;

/** What a route adds to every reply it serves from an entry. */
export interface ServePolicy {
  /** `Vary` value for bodies too small to compress. */
  readonly vary: string;
  /** `Vary` value for bodies that may be compressed. */
  readonly varyCompressible: string;
  /** `'public'`, or `'private'` for `scope: 'user'`. */
  readonly visibility: 'public' | 'private';
  readonly swrSeconds: number;
}

export interface ServeRequest {
  /** Store key of the entry, for recording compressed forms. */
  key: string;
  now: number;
  state: CacheState;
  ifNoneMatch: string | undefined;
  acceptEncoding: string | undefined;
}

/**
 * Turns a stored entry into a reply: the stored bytes (or a compressed form,
 * made once per entry on first need), the validators and the cache headers;
 * a 304 when `If-None-Match` matches.
 */
export class EntryResponder {
  readonly #compression: Required<CompressionOptions>;
  readonly #onCompressed: OnCompressed;
  /**
   * Compressed forms made for entry objects not (yet) read back from the
   * store: the requests that share one miss all serve the entry that miss
   * built, and must not each compress it again.
   */
  readonly #made = new WeakMap<CacheEntry, Partial<Record<Encoding, Buffer>>>();

  constructor(compression: Required<CompressionOptions>, onCompressed: OnCompressed) {
    this.#compression = compression;
    this.#onCompressed = onCompressed;
  }

  reply(entry: CacheEntry, policy: ServePolicy, request: ServeRequest): Reply {
    const compressible = entry.body.length >= this.#compression.threshold;
    const headers: HeaderMap = validators(entry, policy, request, compressible);

    if (matchesIfNoneMatch(request.ifNoneMatch, entry.etag)) {
      return { status: 304, headers, body: undefined };
    }

    Object.assign(headers, entry.headers);
    // RFC 9110 §8.6: a 204 carries no body and no Content-Length.
    if (entry.status === 204) return { status: 204, headers, body: undefined };

    const encoding = compressible ? chooseEncoding(request.acceptEncoding) : undefined;
    if (encoding === undefined) return { status: entry.status, headers, body: entry.body };

    headers['content-encoding'] = encoding;
    return { status: entry.status, headers, body: this.#encoded(entry, encoding, request.key) };
  }

  #encoded(entry: CacheEntry, encoding: Encoding, key: string): Buffer {
    const existing = entry.encodings?.[encoding] ?? this.#made.get(entry)?.[encoding];
    if (existing) return existing;

    const encoded = compress(entry.body, encoding, this.#compression);
    this.#made.set(entry, { ...this.#made.get(entry), [encoding]: encoded });
    this.#onCompressed(key, entry, encoding, encoded);
    return encoded;
  }
}

function validators(
  entry: CacheEntry,
  policy: ServePolicy,
  request: ServeRequest,
  compressible: boolean,
): HeaderMap {
  // RFC 9111 §4.2.3: a downstream cache takes the freshness left as max-age
  // minus Age. So max-age is the entry's whole lifetime and Age how much of
  // it has passed; a max-age of the seconds left would count the age twice.
  const lifetime = Math.max(0, Math.round((entry.expiresAt - entry.storedAt) / 1000));
  let control = `${policy.visibility}, max-age=${lifetime}`;
  if (policy.swrSeconds > 0) control += `, stale-while-revalidate=${policy.swrSeconds}`;

  const headers: HeaderMap = {
    etag: entry.etag,
    'cache-control': control,
    age: String(Math.max(0, Math.floor((request.now - entry.storedAt) / 1000))),
    'x-cache': request.state,
  };
  headers.vary = compressible ? policy.varyCompressible : policy.vary;
  return headers;
}

/** Adds cache headers to a reply that did not come from an entry (bypass, unstored miss). */
export function markReply(reply: Reply, state: CacheState, extra: HeaderMap = {}): Reply {
  return {
    status: reply.status,
    headers: { ...reply.headers, ...extra, 'x-cache': state },
    body: reply.body,
  };
}
