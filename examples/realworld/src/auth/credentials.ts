import { createHash } from 'node:crypto';
import type { KeyRequest } from '@fastjson-api/core';

/**
 * The token of an `Authorization` header: `Token <jwt>` as the RealWorld
 * spec says, or `Bearer <jwt>` as most HTTP clients send. `undefined` when
 * there is no header; `null` when there is one in neither form.
 */
export function tokenOf(header: string | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  const match = /^(?:Token|Bearer) +([\w-]+\.[\w-]+\.[\w-]+) *$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * The cache principal of a `scope: 'user'` route: a hash of the caller's
 * token, or `undefined` (bypass the cache) when there is none or it has
 * expired.
 *
 * The cache calls this synchronously, before the handler, and cannot await
 * jose's verification. So the principal is not the user id read from an
 * unchecked token, which anyone could forge to read another user's entry.
 * It is the token itself: an entry under a token is only ever stored by a
 * handler that verified that very token, so a forged one finds nothing and
 * its request goes to the handler, which answers 401. Changing a byte of
 * the token (its `exp`, say) changes the key too.
 */
export function tokenPrincipal(req: KeyRequest): string | undefined {
  const header = req.headers.authorization;
  const token = tokenOf(typeof header === 'string' ? header : undefined);
  if (!token) return undefined;
  if (expired(token)) return undefined;
  return createHash('sha256').update(token).digest('base64url');
}

/** Whether the unverified `exp` of a token is past; a token without one counts as expired. */
function expired(token: string): boolean {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      exp?: unknown;
    };
    return typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}
