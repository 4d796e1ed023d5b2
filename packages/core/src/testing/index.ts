/**
 * @module @fastjson-api/core/testing
 * A small HTTP client for tests: speaks to a real server over a real socket,
 * sends the path exactly as given (malformed escapes included), never
 * decompresses or follows redirects, and returns the raw body bytes.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface TestRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** A value to send as JSON, or raw text/bytes sent as they are. */
  json?: unknown;
  body?: string | Buffer;
}

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw body bytes, as received. */
  raw: Buffer;
  text: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: any;
}

/**
 * Sends one request to `baseUrl` (e.g. `app.url`).
 *
 * @example
 * const res = await send(app.url, { path: '/cities/1' });
 * expect(res.headers['x-cache']).to.equal('MISS');
 */
export function send(baseUrl: string, options: TestRequest): Promise<TestResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string | number> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.json !== undefined) {
    payload = Buffer.from(JSON.stringify(options.json));
    headers['content-type'] ??= 'application/json';
  } else if (options.body !== undefined) {
    payload = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  }
  if (payload) headers['content-length'] = payload.length;

  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            raw,
            text,
            json: parseOrUndefined(text),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function parseOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
