import type { CacheEntry } from './types.js';

/**
 * Rough cost of one entry beyond its bytes: the entry and Buffer objects,
 * lru-cache's slots, the key map and the tag index. An estimate, but it keeps
 * many tiny entries from fitting a budget that their real heap would exceed.
 */
export const ENTRY_OVERHEAD = 256;

/**
 * Bytes an entry holds under `key`, as the memory store accounts them: the
 * body and its compressed forms, plus the key, ETag, header names and values
 * and tags (one byte per UTF-16 code unit, exact for the Latin-1 text that
 * HTTP carries), plus {@link ENTRY_OVERHEAD}.
 */
export function entrySize(key: string, entry: CacheEntry): number {
  let size = ENTRY_OVERHEAD + key.length + entry.etag.length + entry.body.byteLength;

  const { encodings } = entry;
  if (encodings !== undefined) {
    size += (encodings.gzip?.byteLength ?? 0) + (encodings.br?.byteLength ?? 0);
  }
  for (const name in entry.headers) {
    const value = entry.headers[name]!;
    size += name.length;
    if (typeof value === 'string') size += value.length;
    else for (const item of value) size += item.length;
  }
  for (const tag of entry.tags) size += tag.length;

  return size;
}

/**
 * `bytes`, or a copy of them when they are a view into a larger memory block.
 * Small Buffers are slices of Node's shared 8 KB pool (and zlib may return a
 * slice of its output chunk): keeping the slice would keep the whole block
 * alive, so the real memory held could be many times what we account for.
 * The copy gets its own block (`allocUnsafeSlow` never uses the pool).
 */
export function ownBytes(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;

  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(copy);
  return copy;
}
