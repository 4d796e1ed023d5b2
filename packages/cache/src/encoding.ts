import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const chosen = new Map<string, Encoding | undefined>();
const MAX_REMEMBERED = 256;

/**
 * The compressed form a client accepts, brotli first, or `undefined` for
 * identity (RFC 9110 §12.5.3: a coding with q=0 is refused; `*` stands for any
 * coding not named). The answer per header value is remembered: clients send
 * a handful of distinct values.
 */
export function chooseEncoding(header: string | undefined): Encoding | undefined {
  if (header === undefined || header === '') return undefined;
  if (chosen.has(header)) return chosen.get(header);

  const encoding = negotiate(header);
  if (chosen.size >= MAX_REMEMBERED) chosen.clear();
  chosen.set(header, encoding);
  return encoding;
}

function negotiate(header: string): Encoding | undefined {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  // The client's preference first; brotli on a tie, as it is smaller.
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return undefined;
}

export interface CompressionOptions {
  /** Smallest body, in bytes, that gets compressed forms. Default 1024. */
  threshold?: number;
  /** Brotli quality 0–11. Default 5: most of the gain of 11 at a fraction of the time. */
  brotliQuality?: number;
  /** Gzip level 1–9. Default 6. */
  gzipLevel?: number;
}

export function compress(
  body: Buffer,
  encoding: Encoding,
  options: Required<CompressionOptions>,
): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: options.gzipLevel });
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}
