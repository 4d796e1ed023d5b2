import { createApp, type App, type Clock } from '@fastjson-api/core';
import { memoryCache } from '@fastjson-api/cache';
import { schemaSerializer } from '@fastjson-api/serializer';
import { koaTransport } from '@fastjson-api/transport-koa';
import type { LoggerOptions } from 'pino';
import { JWT_SECRET } from './auth/tokens.js';
import { DATABASE, openDatabase, type Sqlite } from './data/database.js';
import { ArticlesController } from './http/articles.controller.js';
import { CommentsController } from './http/comments.controller.js';
import { FavoritesController } from './http/favorites.controller.js';
import { ProfilesController } from './http/profiles.controller.js';
import { TagsController } from './http/tags.controller.js';
import { UsersController } from './http/users.controller.js';
import { validationProblems } from './http/validation-problems.js';

/** Options of {@link buildRealworldApp}. */
export interface RealworldOptions {
  /** The SQLite file, created if absent, or `':memory:'`. Required. */
  database: string;
  /** The HS256 secret that signs tokens. Required: there is no safe default. */
  jwtSecret: string;
  /** pino options, or `false` for no logs. Default: pino at `LOG_LEVEL`, or `info`. */
  logger?: LoggerOptions | false;
  /** Byte budget of the response cache. Default `'64mb'`. */
  cacheMaxBytes?: string | number;
  /** The app's clock: cache lifetimes and the dates of articles and comments. */
  clock?: Clock;
}

/**
 * Builds the RealWorld ("Conduit") API: opens the database, brings its
 * schema up to date, and composes the kit's plugins. The database closes
 * with the app.
 *
 * @example
 * const { app } = buildRealworldApp({ database: ':memory:', jwtSecret: 'dev' });
 * await app.listen(3001);
 */
export function buildRealworldApp(options: RealworldOptions): { app: App; db: Sqlite } {
  if (!options.jwtSecret) {
    throw new TypeError('buildRealworldApp: jwtSecret must be a non-empty string');
  }
  const db = openDatabase(options.database);

  const app = createApp({
    controllers: [
      UsersController,
      ProfilesController,
      ArticlesController,
      FavoritesController,
      CommentsController,
      TagsController,
    ],
    providers: [
      { provide: DATABASE, useValue: db },
      { provide: JWT_SECRET, useValue: options.jwtSecret },
    ],
    plugins: [
      koaTransport(),
      validationProblems(),
      memoryCache({ maxBytes: options.cacheMaxBytes ?? '64mb' }),
      schemaSerializer(),
      // Last in, so closed first: the transport has stopped, no request runs.
      { name: 'realworld-sqlite', kind: 'other', close: () => void db.close() },
    ],
    logger: options.logger,
    clock: options.clock,
    openapi: {
      title: 'Conduit (RealWorld) on fastjson-api',
      version: '0.1.0',
      path: '/api/openapi.json',
    },
  });
  return { app, db };
}
