import type { CacheEntry } from './types.js';

/**
 * Heap an entry costs beyond its bytes: the entry, headers and Buffer objects
 * with their backing store, lru-cache's slots and key map. Measured on
 * Node 20 (heap plus array buffers, 100k entries with a 50-byte body): about
 * 640 bytes. Without it, a budget filled with tiny entries would account for
 * a fraction of the memory they really take.
 */
export const ENTRY_OVERHEAD = 640;

/**
 * Heap each tag of an entry costs in the tag index: a slot in a shared Set,
 * or a Set of its own for a tag no other entry carries (about 240 bytes when
 * measured, as above); this is the average of the two for typical tagging.
 */
export const TAG_OVERHEAD = 128;

/**
 * Bytes an entry holds under `key`, as the memory store accounts them: the
 * body and its compressed forms, plus the key, ETag, header names and values
 * and tags (one byte per UTF-16 code unit, exact for the Latin-1 text that
 * HTTP carries), plus {@link ENTRY_OVERHEAD} and {@link TAG_OVERHEAD} per tag.
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
  for (const tag of entry.tags) size += TAG_OVERHEAD + tag.length;

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
