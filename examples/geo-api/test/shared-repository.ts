import { GeoRepository } from '../src/data/index.js';

let shared: GeoRepository | undefined;

/**
 * One repository for the read-only specs: loading takes a few hundred
 * milliseconds, so they share it. Specs that update cities build their own.
 */
export function sharedRepository(): GeoRepository {
  shared ??= new GeoRepository();
  return shared;
}
