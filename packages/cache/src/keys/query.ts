import { unescape } from 'node:querystring';
/** Characters that `encodeURIComponent` leaves alone: such a part is already canonical. */
const UNRESERVED = /^[\w.!~*'()-]*$/;

interface Pair {
  name: string;
  text: string;
}

/**
 * The query string in one canonical form, for cache keys: two queries give
 * the same form only when a handler sees the same fields in them.
 *
 * - Pairs are sorted by name, stably: `page=2&tag=a` equals `tag=a&page=2`,
 *   while `tag=a&tag=b` stays apart from `tag=b&tag=a` (the array order
 *   differs).
 * - Names and values are decoded (`+` as a space, then percent escapes) and
 *   encoded again with `encodeURIComponent`, so `%41` equals `A` and an
 *   escaped `%26` never turns into a separator. Bracketed names (`a[b]`)
 *   are plain names.
 * - `a` and `a=` are the same pair (`a=`): `node:querystring`, which parses
 *   the query for handlers, gives `''` for both.
 * - Empty pairs (from `&&` or a trailing `&`) are dropped.
 * - A part with a malformed escape (`%zz`, or bytes that are not UTF-8) is
 *   kept raw, encoded, behind a `%%` mark that no encoded part can contain.
 *
 * @param rawQuery - the raw query, after the `?` and without it
 * @returns pairs as `name=value` joined by `&`, or `''` for no pairs
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';

  const pairs: Pair[] = [];
  let sorted = true;
  let start = 0;
  while (start <= rawQuery.length) {
    let end = rawQuery.indexOf('&', start);
    if (end === -1) end = rawQuery.length;
    if (end > start) {
      const pair = canonicalPair(rawQuery, start, end);
      if (pairs.length > 0 && pair.name < pairs[pairs.length - 1]!.name) sorted = false;
      pairs.push(pair);
    }
    start = end + 1;
  }

  // Array#sort is stable, which keeps repeated names in request order.
  if (!sorted) pairs.sort(byName);
  let out = '';
  for (let i = 0; i < pairs.length; i++) out += i === 0 ? pairs[i]!.text : '&' + pairs[i]!.text;
  return out;
}

function canonicalPair(query: string, start: number, end: number): Pair {
  const eq = query.indexOf('=', start);
  if (eq === -1 || eq >= end) {
    const name = canonicalPart(query.slice(start, end));
    return { name, text: name + '=' };
  }

  const name = canonicalPart(query.slice(start, eq));
  return { name, text: name + '=' + canonicalPart(query.slice(eq + 1, end)) };
}

function canonicalPart(raw: string): string {
  if (UNRESERVED.test(raw)) return raw;
  try {
    // Decode exactly as node:querystring does for the handler (malformed
    // escapes kept as text), so that two queries share a key only when the
    // handler sees the same query.
    return encodeURIComponent(unescape(raw.replaceAll('+', ' ')));
  } catch {
    return malformedPart(raw);
  }
}

/**
 * Encoded parts contain `%` only before two hex digits, so the `%%` and `%!`
 * marks keep a raw part from ever equalling an encoded one.
 */
function malformedPart(raw: string): string {
  try {
    return '%%' + encodeURIComponent(raw);
  } catch {
    // Lone surrogates: encodeURIComponent throws, so spell out the code units.
    let hex = '%!';
    for (let i = 0; i < raw.length; i++) hex += raw.charCodeAt(i).toString(16).padStart(4, '0');
    return hex;
  }
}

function byName(a: Pair, b: Pair): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
