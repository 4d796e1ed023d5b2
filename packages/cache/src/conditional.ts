/**
 * Whether an `If-None-Match` header matches `etag`. RFC 9110 §13.1.2 asks for
 * the weak comparison here: `W/"x"` matches `"x"`; `*` matches any entry.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;

  const target = stripWeak(etag);
  for (const candidate of header.split(',')) {
    if (stripWeak(candidate.trim()) === target) return true;
  }
  return false;
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
