/**
 * Runs one call per key at a time: while a call for a key is in flight,
 * further calls for that key wait for it and share its outcome instead of
 * running their own. The cache uses it so that concurrent misses for one key
 * run the handler once.
 *
 * A key is released as soon as its call settles, before the waiters see the
 * outcome, so a waiter that retries after a rejection starts a fresh call.
 * Outcomes are not remembered; caching them is the store's job.
 *
 * @example
 * ```ts
 * const flights = new SingleFlight<Reply>();
 * const reply = await flights.run(key, () => route.dispatch(ctx));
 * ```
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Promise<T>>();
  #coalesced = 0;

  /** Keys with a call in flight. */
  get inflight(): number {
    return this.#flights.size;
  }

  /** Calls so far that joined a call already in flight instead of running `fn`. */
  get coalesced(): number {
    return this.#coalesced;
  }

  /** Whether a call for `key` is in flight now. */
  isRunning(key: string): boolean {
    return this.#flights.has(key);
  }

  /**
   * Runs `fn`, or joins the call in flight for `key`. Every caller of one
   * flight gets the same result or the same rejection; a synchronous throw
   * from `fn` counts as a rejection.
   */
  run(key: string, fn: () => Promise<T>): Promise<T> {
    const current = this.#flights.get(key);
    if (current !== undefined) {
      this.#coalesced++;
      return current;
    }

    // `finally` runs before anyone awaiting `flight` resumes, and after the
    // map holds it even when `fn` throws synchronously.
    const flight: Promise<T> = new Promise<T>((resolve) => resolve(fn())).finally(() => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    });
    this.#flights.set(key, flight);
    return flight;
  }
}
