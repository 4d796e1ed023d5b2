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
 * are refused rather than stripped so that nothing reaches a prototype, and
 * 400 when arrays and objects nest deeper than `depthLimit`.
 */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
  depthLimit: number,
): Promise<unknown> {
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
    throw HttpError.unsupportedMediaType(
      `Compressed request bodies are not accepted (Content-Encoding: ${coding}); send plain UTF-8 JSON.`,
    );
  }

  const text = await readText(req, limit);
  if (text.trim() === '') return undefined;
  if (nestsDeeperThan(text, depthLimit)) {
    throw HttpError.badRequest(
      `The body nests arrays and objects deeper than ${depthLimit} levels.`,
    );
  }
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
      throw HttpError.payloadTooLarge(
        `The body is larger than this route's limit of ${limit} bytes.`,
        {
          headers: { connection: 'close' },
        },
      );
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
      throw HttpError.badRequest(
        'The body carries a forbidden key (__proto__ or constructor.prototype).',
      );
    }
    throw HttpError.badRequest(`The body is not valid JSON: ${message}`);
  }
}

/**
 * Whether the JSON text opens more than `limit` arrays or objects inside one
 * another. Checked before parsing: a body of a million `[` parses, but every
 * recursive step after it (pruning, cloning, JSON.stringify) would overflow
 * the stack. Brackets inside strings do not count. Malformed text is left to
 * the parser to refuse.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false; // too short to open limit + 1 brackets
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
