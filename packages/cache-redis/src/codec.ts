import type { CacheEntry, ContentCoding } from '@fastjson-api/cache';
import type { HeaderMap } from '@fastjson-api/core';

/** First byte of every encoded entry, so that a foreign value is recognised at once. */
const MAGIC = 0xfa;

/**
 * Version of the entry format, second byte. Bump it on any change to the
 * layout: entries written by another version read as misses and are deleted
 * (a rolling deploy refills the cache instead of misreading it).
 */
export const FORMAT_VERSION = 1;

/** Magic, version, then the length of the metadata as a 32-bit unsigned integer. */
const HEADER_BYTES = 6;

type Meta = [
  status: number,
  headers: HeaderMap,
  etag: string,
  tags: string[],
  storedAt: number,
  expiresAt: number,
  staleUntil: number,
];

/**
 * Encodes an entry, compressed forms aside (they live in fields of their
 * own, see scripts.ts): a 6-byte header, the metadata as UTF-8 JSON, then
 * the body bytes as they are. Binary-safe: the body is never text-encoded.
 */
export function encodeEntry(entry: CacheEntry): Buffer {
  const meta: Meta = [
    entry.status,
    entry.headers,
    entry.etag,
    entry.tags,
    entry.storedAt,
    entry.expiresAt,
    entry.staleUntil,
  ];
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const out = Buffer.allocUnsafe(HEADER_BYTES + json.length + entry.body.length);
  out[0] = MAGIC;
  out[1] = FORMAT_VERSION;
  out.writeUInt32BE(json.length, 2);
  json.copy(out, HEADER_BYTES);
  entry.body.copy(out, HEADER_BYTES + json.length);
  return out;
}

/** Compressed forms as Redis returned them; an empty value means none. */
export type StoredEncodings = Partial<Record<ContentCoding, Buffer | null | undefined>>;

/**
 * Decodes what {@link encodeEntry} wrote. Returns `undefined` for anything
 * else: another format version, a truncated or corrupt value, a foreign
 * value. Every Buffer of the result owns its memory, so an entry kept in a
 * first level never pins the larger reply block it came in.
 */
export function decodeEntry(
  bytes: Buffer,
  encodings: StoredEncodings = {},
): CacheEntry | undefined {
  if (bytes.length < HEADER_BYTES || bytes[0] !== MAGIC || bytes[1] !== FORMAT_VERSION) {
    return undefined;
  }
  const jsonEnd = HEADER_BYTES + bytes.readUInt32BE(2);
  if (jsonEnd > bytes.length) return undefined;

  const meta = parseMeta(bytes.toString('utf8', HEADER_BYTES, jsonEnd));
  if (meta === undefined) return undefined;

  const [status, headers, etag, tags, storedAt, expiresAt, staleUntil] = meta;
  const entry: CacheEntry = {
    status,
    headers,
    body: ownCopy(bytes.subarray(jsonEnd)),
    etag,
    tags,
    storedAt,
    expiresAt,
    staleUntil,
  };
  const gzip = nonEmpty(encodings.gzip);
  const br = nonEmpty(encodings.br);
  if (gzip !== undefined || br !== undefined) {
    entry.encodings = {};
    if (gzip !== undefined) entry.encodings.gzip = gzip;
    if (br !== undefined) entry.encodings.br = br;
  }
  return entry;
}

/** A copy of `bytes` in a block of its own (`allocUnsafeSlow` never uses Node's shared pool). */
export function ownCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

function nonEmpty(bytes: Buffer | null | undefined): Buffer | undefined {
  return bytes && bytes.length > 0 ? ownCopy(bytes) : undefined;
}

function parseMeta(json: string): Meta | undefined {
  let meta: unknown;
  try {
    meta = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(meta) || meta.length !== 7) return undefined;

  const [status, headers, etag, tags, storedAt, expiresAt, staleUntil] = meta as unknown[];
  const valid =
    Number.isInteger(status) &&
    isHeaderMap(headers) &&
    typeof etag === 'string' &&
    Array.isArray(tags) &&
    tags.every((tag) => typeof tag === 'string') &&
    [storedAt, expiresAt, staleUntil].every(Number.isFinite);
  return valid ? (meta as Meta) : undefined;
}

function isHeaderMap(value: unknown): value is HeaderMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  // JSON.parse makes `__proto__` an own key, which Object.assign would then
  // turn into a prototype change on whatever receives these headers.
  if (Object.hasOwn(value, '__proto__')) return false;
  return Object.values(value).every(
    (item) =>
      typeof item === 'string' || (Array.isArray(item) && item.every((v) => typeof v === 'string')),
  );
}
