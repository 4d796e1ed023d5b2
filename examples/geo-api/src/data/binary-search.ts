/**
 * The first index in [lo, hi) at which `test` holds, or `hi` if none does.
 * `test` must be monotone over the range: false, then true from some index on.
 *
 * @example
 * firstIndex(0, sorted.length, (i) => sorted[i]! >= x); // lower bound of x
 */
export function firstIndex(lo: number, hi: number, test: (index: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
