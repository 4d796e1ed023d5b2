import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import secureJson from 'secure-json-parse';
import { HttpError } from '@fastjson-api/core';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Whether the request carries a body at all (RFC 9112 §6.3: a length, or chunked). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reads and parses a JSON request body within `limit` bytes. Throws HttpErrors:
 * 415 when the body is not declared as JSON, 413 over the limit, 400 when it
 * does not parse or carries `__proto__` / `constructor.prototype` keys, which
 * are refused rather than stripped so that nothing reaches a prototype.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (!hasBody(req)) return undefined;

  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) {
    req.resume();
    throw HttpError.unsupportedMediaType(
      `Expected a JSON body (Content-Type: application/json); got ${type === undefined ? 'no Content-Type' : `'${type}'`}.`,
    );
  }
  // RFC 8259 §8.1: JSON is UTF-8. Decoding another charset as UTF-8 would
  // quietly turn its non-ASCII characters into U+FFFD, so refuse it instead.
  const charset = CHARSET.exec(type)?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    req.resume();
    throw HttpError.unsupportedMediaType(`Unsupported body charset '${charset}'; send UTF-8 JSON.`);
  }

  const coding = req.headers['content-encoding'];
  if (coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
    req.resume();
    throw HttpError.unsupportedMediaType(`Compressed request bodies are not accepted (Content-Encoding: ${coding}); send plain UTF-8 JSON.`);
  }

  const text = await readText(req, limit);
  if (text.trim() === '') return undefined;
  return parseJson(text);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function readText(req: IncomingMessage, limit: number): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { limit, length: req.headers['content-length'] });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      throw HttpError.payloadTooLarge(`The body is larger than this route's limit of ${limit} bytes.`, {
        headers: { connection: 'close' },
      });
    }
    throw HttpError.badRequest('The request body could not be read.', { cause: error });
  }
  try {
    // Fatal decoding: invalid bytes are refused, never turned into U+FFFD.
    return utf8.decode(bytes);
  } catch {
    throw HttpError.badRequest('The body is not valid UTF-8.');
  }
}

function parseJson(text: string): unknown {
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = (error as Error).message;
    if (/prototype/i.test(message)) {
      throw HttpError.badRequest('The body carries a forbidden key (__proto__ or constructor.prototype).');
    }
    throw HttpError.badRequest(`The body is not valid JSON: ${message}`);
  }
}
