import type { IncomingHttpHeaders } from 'node:http';

/**
 * The part of a cache key that the request headers named by `Vary` add; `''`
 * when `names` is empty. Append it to `baseKey()`.
 *
 * Each header adds `\0<name>` then `?` when it is missing, or
 * `=<length>:<value>` when present, so a missing header differs from an
 * empty one and no value can pass for another, whatever it contains. A
 * header that Node gives as an array adds `=*<count>` and then each value
 * as `<length>:<value>`. Values are used as received, not normalised
 * (`en, fr` and `en,fr` differ).
 *
 * @param headers - the request headers, as Node gives them (lower-case names)
 * @param names - lower-case header names, fixed when the route is compiled
 */
export function varyPart(headers: IncomingHttpHeaders, names: readonly string[]): string {
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = headers[name];
    out += '\0' + name;
    if (value === undefined) out += '?';
    else if (typeof value === 'string') out += '=' + value.length + ':' + value;
    else out += '=*' + value.length + listPart(value);
  }
  return out;
}

function listPart(values: readonly string[]): string {
  let out = '';
  for (const value of values) out += value.length + ':' + value;
  return out;
}
