/**
 * Keeps the `k` smallest items offered, in order, without sorting them all:
 * a sorted buffer of at most `k`, and anything no better than its last
 * entry is turned away at the cost of one comparison.
 */
export class TopK<T> {
  readonly #k: number;
  readonly #compare: (a: T, b: T) => number;
  readonly #items: T[] = [];

  constructor(k: number, compare: (a: T, b: T) => number) {
    this.#k = k;
    this.#compare = compare;
  }

  offer(item: T): void {
    const items = this.#items;
    if (items.length === this.#k && this.#compare(item, items[items.length - 1]!) >= 0) return;

    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#compare(items[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, item);
    if (items.length > this.#k) items.pop();
  }

  /** The kept items, best first. */
  toArray(): T[] {
    return this.#items.slice();
  }
}
