/**
 * @module @fastjson-api/cache/testing
 * The store contract suite: the rules every `CacheStore` keeps, runnable
 * under mocha by any store (`storeContract('MyStore', (clock) => new MyStore({ clock }))`).
 * Needs mocha's globals and chai.
 */
export { storeContract, makeEntry } from './store-contract.js';
export type { StoreContractOptions } from './store-contract.js';
