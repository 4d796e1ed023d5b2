import type { App } from '@fastjson-api/core';
import { send, type TestRequest, type TestResponse } from '@fastjson-api/core/testing';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

export interface RunningService {
  app: App;
  /** Sends one request; a string is a GET of that path. */
  request(request: TestRequest | string): Promise<TestResponse>;
}

/**
 * Gives a suite a fresh service per test: built from the same config code
 * as `npm start`, quiet, on the memory cache, listening on a free port of
 * 127.0.0.1. Each one is closed after its test.
 *
 * @example
 * const start = useService();
 * it('answers', async () => {
 *   const { request } = await start();
 *   expect((await request('/health')).status).to.equal(200);
 * });
 */
export function useService(env: Record<string, string> = {}): () => Promise<RunningService> {
  const running: App[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  return async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', CACHE: 'memory', ...env });
    const app = await buildApp(config);
    running.push(app);
    await app.listen(0, '127.0.0.1');
    return {
      app,
      request: (request) => send(app.url, typeof request === 'string' ? { path: request } : request),
    };
  };
}
