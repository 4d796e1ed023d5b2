/** How invalidations that waited are sent: see {@link PendingInvalidations.drain}. */
export interface Sender {
  /** Outdates every entry (a queue that overflowed, or a `clear()` that waited). */
  everything(): Promise<boolean>;
  tags(tags: string[]): Promise<boolean>;
  keys(keys: string[]): Promise<boolean>;
}

/** How many tags or keys go to Redis in one script call when the queue drains. */
const BATCH = 500;

/**
 * Invalidations (tags, deleted keys, clears) that could not reach Redis,
 * kept to be sent when it answers again. Repeats collapse (sets). Bounded:
 * past `max` tags and keys together, the queue gives up the details and
 * remembers only "outdate everything", which it sends as one `clear()`.
 * That is safe (the cache refills from handlers) and keeps memory bounded.
 */
export class PendingInvalidations {
  readonly max: number;
  #tags = new Set<string>();
  #keys = new Set<string>();
  #everything = false;
  #everythingRequests = 0;

  constructor(max: number) {
    this.max = max;
  }

  get size(): number {
    return this.#tags.size + this.#keys.size + (this.#everything ? 1 : 0);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Queues tags; returns false when this overflowed the queue into "everything". */
  addTags(tags: readonly string[]): boolean {
    for (const tag of tags) this.#tags.add(tag);
    return this.#checkBound();
  }

  /** Queues deleted keys; returns false when this overflowed the queue. */
  addKeys(keys: readonly string[]): boolean {
    for (const key of keys) this.#keys.add(key);
    return this.#checkBound();
  }

  /** Queues a clear, which makes every other pending item moot. */
  addEverything(): void {
    this.#everything = true;
    this.#everythingRequests++;
    this.#tags.clear();
    this.#keys.clear();
  }

  /**
   * Sends what waits, in batches, removing each batch once sent, until the
   * queue is empty (items queued meanwhile included). Stops at the first
   * failure and keeps the rest; returns whether the queue is empty.
   */
  async drain(send: Sender): Promise<boolean> {
    while (!this.isEmpty) {
      if (this.#everything) {
        const requested = this.#everythingRequests;
        if (!(await send.everything())) return false;
        // A clear queued while this one was on its way is sent again.
        if (requested === this.#everythingRequests) this.#everything = false;
        continue;
      }
      const sent =
        (await this.#drainSet(this.#tags, (batch) => send.tags(batch))) &&
        (await this.#drainSet(this.#keys, (batch) => send.keys(batch)));
      if (!sent) return false;
    }
    return true;
  }

  async #drainSet(
    items: Set<string>,
    send: (batch: string[]) => Promise<boolean>,
  ): Promise<boolean> {
    while (items.size > 0) {
      const batch = [...items].slice(0, BATCH);
      if (!(await send(batch))) return false;
      for (const item of batch) items.delete(item);
    }
    return true;
  }

  #checkBound(): boolean {
    if (this.#tags.size + this.#keys.size <= this.max) return true;
    this.addEverything();
    return false;
  }
}
