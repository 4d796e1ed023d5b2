import type { Cluster, Redis } from 'ioredis';
import { RedisCacheError, RedisCacheErrorCodes } from './errors.js';

/** One invalidation, as instances tell each other. */
export type Invalidation = { tags: string[] } | { keys: string[] } | { everything: true };

/** The message published for `invalidation` by instance `from`. */
export function encodeMessage(from: string, invalidation: Invalidation): string {
  if ('tags' in invalidation) return JSON.stringify({ i: from, t: invalidation.tags });
  if ('keys' in invalidation) return JSON.stringify({ i: from, k: invalidation.keys });
  return JSON.stringify({ i: from, c: 1 });
}

/** Reads a message of {@link encodeMessage}; `undefined` when it is not one. */
export function decodeMessage(
  text: string,
): { from: string; invalidation: Invalidation } | undefined {
  let message: { i?: unknown; t?: unknown; k?: unknown; c?: unknown };
  try {
    message = JSON.parse(text) as typeof message;
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null || typeof message.i !== 'string')
    return undefined;

  const from = message.i;
  if (isStrings(message.t)) return { from, invalidation: { tags: message.t } };
  if (isStrings(message.k)) return { from, invalidation: { keys: message.k } };
  if (message.c === 1) return { from, invalidation: { everything: true } };
  return undefined;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export interface FeedHandlers {
  /** An invalidation made by another instance. */
  message(invalidation: Invalidation): void;
  /** The subscription dropped: messages published from now on may be missed. */
  lost(): void;
  /** Subscribed (again): messages flow from now on; those of the gap are lost. */
  restored(): void;
  report(error: RedisCacheError): void;
}

/**
 * The invalidations other instances publish, on a connection of its own (a
 * subscribed connection can do nothing else). Pub/sub delivers at most
 * once: a message published while this connection is down is lost for
 * good. The feed says when that can happen (`lost`, `restored`), so the
 * store can stop trusting its first level meanwhile.
 *
 * A standalone connection subscribes itself on every `ready`, so `restored`
 * follows the subscription, not only the reconnect. A Cluster client keeps
 * its subscription across failovers by itself; the feed then hears of a loss
 * only when the cluster connection as a whole closes.
 */
export class InvalidationFeed {
  readonly #subscriber: Redis | Cluster;
  readonly #channel: string;
  readonly #self: string;
  readonly #handlers: FeedHandlers;
  #subscribed = false;
  #closed = false;

  constructor(subscriber: Redis | Cluster, channel: string, self: string, handlers: FeedHandlers) {
    this.#subscriber = subscriber;
    this.#channel = channel;
    this.#self = self;
    this.#handlers = handlers;

    subscriber.on('ready', () => this.#subscribe());
    subscriber.on('close', () => this.#lost());
    subscriber.on('end', () => this.#lost());
    subscriber.on('error', (error: Error) => this.#report('connection', error));
    subscriber.on('message', (channel: string, text: string) => this.#onMessage(channel, text));
    if (subscriber.status === 'ready') this.#subscribe();
  }

  get subscribed(): boolean {
    return this.#subscribed;
  }

  /** Closes the subscriber connection (the feed owns it). */
  close(): void {
    this.#closed = true;
    this.#subscribed = false;
    this.#subscriber.disconnect();
  }

  #subscribe(): void {
    if (this.#closed) return;
    this.#subscriber.subscribe(this.#channel).then(
      () => {
        if (this.#closed) return;
        this.#subscribed = true;
        this.#handlers.restored();
      },
      (error: Error) => {
        this.#report('subscribe', error);
        // Reconnect, which subscribes again on 'ready'.
        if (!this.#closed) this.#subscriber.disconnect(true);
      },
    );
  }

  #lost(): void {
    if (!this.#subscribed) return;
    this.#subscribed = false;
    this.#handlers.lost();
  }

  #onMessage(channel: string, text: string): void {
    if (channel !== this.#channel) return;
    const message = decodeMessage(text);
    if (message === undefined) {
      const error = new RedisCacheError(
        RedisCacheErrorCodes.BAD_MESSAGE,
        'message',
        `ignored an invalidation message that is not one: ${JSON.stringify(text.slice(0, 100))}`,
      );
      this.#handlers.report(error);
      return;
    }
    if (message.from !== this.#self) this.#handlers.message(message.invalidation);
  }

  #report(operation: string, error: Error): void {
    const code = RedisCacheErrorCodes.CONNECTION;
    const message = `redis subscriber ${operation} failed: ${error.message}`;
    this.#handlers.report(new RedisCacheError(code, operation, message, { cause: error }));
  }
}
