import { expect } from 'chai';
import type { App, ProblemDocument } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { buildRealworldApp } from '../src/app.js';

export const TEST_SECRET = 'test-secret-of-the-realworld-specs';

/** A registered user: the name they chose and the token they got. */
export interface TestUser {
  username: string;
  email: string;
  password: string;
  token: string;
}

/** What the HTTP specs call the running API with. Paths are under `/api`. */
export interface ConduitClient {
  get(path: string, token?: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(path: string, json?: unknown, token?: string): Promise<TestResponse>;
  put(path: string, json: unknown, token?: string): Promise<TestResponse>;
  delete(path: string, token?: string): Promise<TestResponse>;
  /** Registers `username` (email `<username>@example.com`, password `password-<username>`). */
  register(username: string): Promise<TestUser>;
  /** Creates an article by `author` and returns its slug. */
  write(author: TestUser, article?: Partial<ArticleInput>): Promise<string>;
}

export interface ArticleInput {
  title: string;
  description: string;
  body: string;
  tagList: string[];
}

const auth = (token?: string): Record<string, string> =>
  token ? { authorization: `Token ${token}` } : {};

/**
 * Starts the API on a free port, over a new in-memory SQLite database,
 * before each spec, and closes it after: each spec begins with no data and
 * an empty cache.
 */
export function useConduit(): ConduitClient {
  let app: App | undefined;

  beforeEach(async () => {
    ({ app } = buildRealworldApp({ database: ':memory:', jwtSecret: TEST_SECRET, logger: false }));
    await app.listen(0, '127.0.0.1');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const url = () => {
    if (!app) throw new Error('useConduit: the app runs only inside a spec');
    return app.url;
  };
  const client: ConduitClient = {
    get: (path, token, headers = {}) =>
      send(url(), { path, headers: { ...auth(token), ...headers } }),
    post: (path, json, token) => send(url(), { method: 'POST', path, json, headers: auth(token) }),
    put: (path, json, token) => send(url(), { method: 'PUT', path, json, headers: auth(token) }),
    delete: (path, token) => send(url(), { method: 'DELETE', path, headers: auth(token) }),

    async register(username) {
      const user = { username, email: `${username}@example.com`, password: `password-${username}` };
      const res = await client.post('/api/users', { user });
      expect(res.status, res.text).to.equal(201);
      return { ...user, token: (res.json as { user: { token: string } }).user.token };
    },

    async write(author, article = {}) {
      const json = {
        article: { title: 'A title', description: 'About it', body: 'The text', ...article },
      };
      const res = await client.post('/api/articles', json, author.token);
      expect(res.status, res.text).to.equal(201);
      return (res.json as { article: { slug: string } }).article.slug;
    },
  };
  return client;
}

/** Checks that `res` is an RFC 9457 problem document with `status`, and returns it. */
export function expectProblem(res: TestResponse, status: number): ProblemDocument {
  expect(res.status, res.text).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json\b/);
  expect(res.json).to.include({ status });
  return res.json as ProblemDocument;
}

/** The spec's `errors.body` messages of an error response. */
export function errorMessages(res: TestResponse): string[] {
  const problem = res.json as { errors?: { body?: string[] } };
  expect(problem.errors?.body, res.text).to.be.an('array');
  return problem.errors!.body!;
}

/** The body of a response, typed for the spec's shapes. */
export function body<T = any>(res: TestResponse): T {
  return res.json as T;
}
