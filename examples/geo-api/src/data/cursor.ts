/** Where a page of cities ended: the last city's sort key. */
export interface CityCursor {
  readonly population: number;
  readonly id: number;
}

const BASE64URL = /^[A-Za-z0-9_-]{1,64}$/;
// Up to 16 digits: a population or id may be any safe integer (2^53 - 1 has 16).
const PAIR = /^(0|[1-9]\d{0,15}):(0|[1-9]\d{0,15})$/;

/**
 * Encodes a position in a population-ordered listing as an opaque token:
 * base64url of `population:id`. Keyset, not offset: the next page starts
 * after that (population, id) pair, so an update between two requests never
 * repeats or skips a city that did not itself move.
 */
export function encodeCursor(cursor: CityCursor): string {
  return Buffer.from(`${cursor.population}:${cursor.id}`).toString('base64url');
}

/**
 * Reads a token made by {@link encodeCursor}; undefined for anything else.
 * Strict: Node's base64 decoder skips bad characters, so the token is
 * re-encoded and must come out identical.
 */
export function decodeCursor(token: string): CityCursor | undefined {
  if (!BASE64URL.test(token)) return undefined;

  const match = PAIR.exec(Buffer.from(token, 'base64url').toString('latin1'));
  if (match === null) return undefined;

  const cursor = { population: Number(match[1]), id: Number(match[2]) };
  if (!Number.isSafeInteger(cursor.population) || !Number.isSafeInteger(cursor.id))
    return undefined;
  return encodeCursor(cursor) === token ? cursor : undefined;
}
