import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { ResolvedOptions } from './options.js';

/** The store's client and whether the store made it (and so closes it). */
export interface Clients {
  client: Redis | Cluster;
  owned: boolean;
}

/** Reconnect soon after a loss, then every second: Redis coming back should be noticed quickly. */
const reconnectDelay = (attempt: number) => Math.min(100 * attempt, 1000);

/**
 * The settings that keep a request from waiting on Redis: no offline queue
 * (a command sent while disconnected fails at once), no retries of commands
 * lost with a connection, a command timeout at the time budget, and a short
 * connect timeout. The store's own budget timer backs them up.
 */
function safeSettings(options: ResolvedOptions): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.timeoutMs,
    connectTimeout: options.connectTimeoutMs,
    retryStrategy: reconnectDelay,
  };
}

/** The client of `options.connection`, made with the safe settings unless given. */
export function connect(options: ResolvedOptions): Clients {
  const { connection } = options;
  if (connection.kind === 'client') return { client: connection.client, owned: false };

  const settings = { ...options.redisOptions, ...safeSettings(options) };
  const client =
    connection.kind === 'url'
      ? new Redis(connection.url, settings)
      : new Cluster(connection.nodes, {
          enableOfflineQueue: false,
          clusterRetryStrategy: reconnectDelay,
          slotsRefreshTimeout: Math.max(options.connectTimeoutMs, 1000),
          redisOptions: withoutClusterManaged(settings),
        });
  // The store listens too; this one keeps a late error after close() harmless.
  client.on('error', () => undefined);
  return { client, owned: true };
}

/**
 * A connection for the invalidation feed, like `client`. A subscribe is not
 * on any request's path, so it gets a longer timeout than the budget.
 */
export function duplicateForFeed(client: Redis | Cluster, timeoutMs: number): Redis | Cluster {
  const commandTimeout = Math.max(1000, 10 * timeoutMs);
  const subscriber =
    client instanceof Cluster
      ? client.duplicate([], { redisOptions: { ...client.options.redisOptions, commandTimeout } })
      : client.duplicate({ autoResubscribe: false, commandTimeout });
  subscriber.on('error', () => undefined);
  return subscriber;
}

/** Cluster options that ioredis sets per node itself and refuses in `redisOptions`. */
function withoutClusterManaged(settings: RedisOptions) {
  const {
    retryStrategy: _r,
    enableOfflineQueue: _q,
    port: _p,
    host: _h,
    path: _s,
    sentinels: _n,
    readOnly: _o,
    ...rest
  } = settings;
  return rest;
}
