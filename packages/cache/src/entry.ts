import { hash } from 'node:crypto';
import type { HeaderMap, Reply } from '@fastjson-api/core';
import type { CacheEntry } from './store/types.js';

/** Headers the cache writes itself, or that describe one connection: never stored with an entry. */
const UNSTORED_HEADERS = new Set([
  'age',
  'cache-control',
  'connection',
  'content-length',
  'date',
  'etag',
  'keep-alive',
  'set-cookie',
  'transfer-encoding',
  'vary',
  'x-cache',
]);

/** A strong ETag of the body bytes (RFC 9110 §8.8.3), computed once when the entry is stored. */
export function strongEtag(body: Buffer): string {
  // crypto.hash() is the one-shot form: a fifth cheaper than a Hash object on a 3 KB body.
  return `"${hash('sha1', body, 'base64url')}"`;
}

/**
 * Whether a reply may go to callers other than the one it was made for: no
 * `Set-Cookie`, no `no-store` or `private` from the handler, no
 * `ctx.noStore()`, and no `Vary` naming a request header the key does not
 * hold (`varied`, lower-case; `Vary: *` never fits, RFC 9110 §12.5.5).
 */
export function isShareable(reply: Reply, skipped: boolean, varied: readonly string[]): boolean {
  if (skipped || reply.headers['set-cookie'] !== undefined) return false;
  if (/\b(?:no-store|private)\b/i.test(listValue(reply.headers['cache-control']))) return false;

  return listValue(reply.headers.vary)
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .every((name) => name === '' || name === 'accept-encoding' || varied.includes(name));
}

/** Whether a reply may be stored: an allowed status, and shareable. */
export function isStorable(
  reply: Reply,
  statuses: readonly number[] | undefined,
  skipped: boolean,
  varied: readonly string[],
): boolean {
  const allowed = statuses
    ? statuses.includes(reply.status)
    : reply.status >= 200 && reply.status < 300;
  return allowed && isShareable(reply, skipped, varied);
}

function listValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

export interface EntryTiming {
  now: number;
  ttlSeconds: number;
  swrSeconds: number;
}

export function buildEntry(reply: Reply, tags: readonly string[], timing: EntryTiming): CacheEntry {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(reply.headers)) {
    if (!UNSTORED_HEADERS.has(name)) headers[name] = value;
  }
  const body = reply.body ?? Buffer.alloc(0);
  const expiresAt = timing.now + timing.ttlSeconds * 1000;
  return {
    status: reply.status,
    headers,
    body,
    etag: strongEtag(body),
    tags: [...new Set(tags)],
    storedAt: timing.now,
    expiresAt,
    staleUntil: expiresAt + timing.swrSeconds * 1000,
  };
}
