import type { CityCursor } from './cursor.js';

/**
 * The order of country listings and search results: most populous first,
 * ties by ascending id so the order is total and a cursor is unambiguous.
 */
export function compareByPopulation(a: CityCursor, b: CityCursor): number {
  return b.population - a.population || a.id - b.id;
}
