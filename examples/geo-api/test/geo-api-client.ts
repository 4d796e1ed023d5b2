import { expect } from 'chai';
import type { App, ProblemDocument } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { buildGeoApp } from '../src/app.js';
import type { GeoRepository } from '../src/data/index.js';

/** What the HTTP specs call the running geo API with. */
export interface GeoApiClient {
  /** GETs `path` (query included), with optional request headers. */
  get(path: string, headers?: Record<string, string>): Promise<TestResponse>;
  /** PATCHes `path` with `json` as the body. */
  patch(path: string, json: unknown): Promise<TestResponse>;
}

/**
 * Starts the geo API on a free port before each spec and closes it after, so
 * each spec begins with an empty cache. `repository` is read in the hook: pass
 * `sharedRepository` for read-only specs, a spec's own instance for writes.
 */
export function useGeoApi(repository: () => GeoRepository): GeoApiClient {
  let app: App | undefined;

  beforeEach(async () => {
    ({ app } = await buildGeoApp({ repository: repository(), logger: false }));
    await app.listen(0, '127.0.0.1');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const url = () => {
    if (!app)
      throw new Error('useGeoApi: the app runs only inside a spec (it, beforeEach, afterEach)');
    return app.url;
  };
  return {
    get: (path, headers) => send(url(), { path, headers }),
    patch: (path, json) => send(url(), { method: 'PATCH', path, json }),
  };
}

/** Checks that `res` is an RFC 9457 problem document with `status`, and returns the document. */
export function expectProblem(res: TestResponse, status: number): ProblemDocument {
  expect(res.status, res.text).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json\b/);
  expect(res.json).to.include({ status });
  return res.json as ProblemDocument;
}

/** The `errors[].pointer` of a 400 problem document: the request fields that failed. */
export function failedFields(res: TestResponse): string[] {
  const problem = expectProblem(res, 400);
  return (problem.errors as { pointer: string }[]).map((error) => error.pointer);
}
