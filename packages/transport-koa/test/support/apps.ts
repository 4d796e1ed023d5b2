import { expect } from 'chai';
import { createApp, type App, type AppOptions } from '@fastjson-api/core';
import { send, type TestResponse } from '@fastjson-api/core/testing';
import { koaTransport, type KoaTransportOptions } from '../../src/index.js';

export interface StartOptions extends Partial<AppOptions> {
  /** Options of the Koa transport; ignored when `plugins` is given. */
  transport?: KoaTransportOptions;
}

/**
 * Gives a suite a `start()` that builds an app with the Koa transport, listens
 * on a free port of 127.0.0.1 and closes the app after each test.
 */
export function useApps(): (options: StartOptions) => Promise<App> {
  const running: App[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  return async (options) => {
    const app = build(options);
    running.push(app);
    await app.listen(0, '127.0.0.1');
    return app;
  };
}

/** Builds an app with the Koa transport, without starting it. */
export function build(options: StartOptions): App {
  const { transport, ...rest } = options;
  return createApp({ controllers: [], plugins: [koaTransport(transport)], ...rest });
}

/**
 * The error a promise rejects with; fails the test when it resolves.
 * Chai 6 has no `rejectedWith`, so tests await this and assert on the error.
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error & { code?: string };
  }
  expect.fail('expected the promise to reject, but it resolved');
}

/** The error a function throws synchronously; fails the test when it returns. */
export function thrownBy(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error & { code?: string };
  }
  expect.fail('expected the call to throw, but it returned');
}

/** POSTs `json` to `path` of a running app. */
export function postJson(app: App, path: string, json: unknown): Promise<TestResponse> {
  return send(app.url, { method: 'POST', path, json });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolve function, to let a test know a handler has started. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
