import { STATUS_CODES } from 'node:http';

const DOCS = 'docs/reference/errors.md';

/**
 * Base of every error the kit throws on purpose. `code` is stable and listed
 * in docs/reference/errors.md; the message says what went wrong, the value
 * received and how to fix it.
 */
export class FastjsonError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * The app could not start: a wiring or declaration mistake found at startup
 * (a route clash, a dependency that cannot be resolved, a bad option).
 */
export class StartupError extends FastjsonError {
  constructor(code: string, message: string, fixes: string[] = [], options?: ErrorOptions) {
    const fixList =
      fixes.length > 0 ? `\n\nPossible fixes:\n${fixes.map((f) => `  - ${f}`).join('\n')}` : '';
    super(code, `${message}${fixList}\n\nSee ${DOCS}#${code.toLowerCase()}`, options);
  }
}

/** Startup error codes of @fastjson-api/core. */
export const CoreErrorCodes = {
  ROUTE_CLASH: 'FJA_ERR_CORE_ROUTE_CLASH',
  PLUGIN_CLASH: 'FJA_ERR_CORE_PLUGIN_CLASH',
  NO_TRANSPORT: 'FJA_ERR_CORE_NO_TRANSPORT',
  NO_CACHE_PLUGIN: 'FJA_ERR_CORE_NO_CACHE_PLUGIN',
  BAD_ROUTE: 'FJA_ERR_CORE_BAD_ROUTE',
  BAD_SCHEMA: 'FJA_ERR_CORE_BAD_SCHEMA',
  BAD_CACHE_OPTION: 'FJA_ERR_CORE_BAD_CACHE_OPTION',
  NOT_A_CONTROLLER: 'FJA_ERR_CORE_NOT_A_CONTROLLER',
  DI_MISSING_METADATA: 'FJA_ERR_CORE_DI_MISSING_METADATA',
  DI_UNRESOLVABLE: 'FJA_ERR_CORE_DI_UNRESOLVABLE',
  DI_CYCLE: 'FJA_ERR_CORE_DI_CYCLE',
  DI_SCOPE: 'FJA_ERR_CORE_DI_SCOPE',
  BAD_PROVIDER: 'FJA_ERR_CORE_BAD_PROVIDER',
  NOT_LISTENING: 'FJA_ERR_CORE_NOT_LISTENING',
} as const;

export interface HttpErrorOptions {
  /** Problem type URI (RFC 9457 `type`); defaults to `about:blank`. */
  type?: string;
  /** Short summary; defaults to the HTTP reason phrase of the status. */
  title?: string;
  /** Extra members written into the problem document, e.g. `errors`. */
  extensions?: Record<string, unknown>;
  /** Response headers to send with the problem, e.g. `allow` or `retry-after`. */
  headers?: Record<string, string>;
  /** Whether `detail` may reach the client; default true below 500, false from 500. */
  expose?: boolean;
  cause?: unknown;
}

/**
 * An error meant for the client: it becomes an RFC 9457 problem document with
 * its status. Throw it from handlers and services.
 *
 * @example
 * throw HttpError.notFound(`No country with code '${code}'`);
 */
export class HttpError extends FastjsonError {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly expose: boolean;

  constructor(status: number, detail?: string, options: HttpErrorOptions = {}) {
    super(`FJA_ERR_HTTP_${status}`, detail ?? STATUS_CODES[status] ?? 'HTTP error', {
      cause: options.cause,
    });
    this.status = status;
    this.type = options.type ?? 'about:blank';
    this.title = options.title ?? STATUS_CODES[status] ?? 'Error';
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
    this.expose = options.expose ?? status < 500;
  }

  static badRequest(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(400, detail, options);
  }
  static unauthorized(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(401, detail, options);
  }
  static forbidden(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(403, detail, options);
  }
  static notFound(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(404, detail, options);
  }
  static methodNotAllowed(allowed: string[], detail?: string) {
    return new HttpError(405, detail, { headers: { allow: allowed.join(', ') } });
  }
  static conflict(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(409, detail, options);
  }
  static payloadTooLarge(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(413, detail, options);
  }
  static unsupportedMediaType(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(415, detail, options);
  }
  static unprocessable(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(422, detail, options);
  }
  static tooManyRequests(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(429, detail, options);
  }
  static internal(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(500, detail, options);
  }
  static badGateway(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(502, detail, options);
  }
  static serviceUnavailable(detail?: string, options?: HttpErrorOptions) {
    return new HttpError(503, detail, options);
  }
}

/** One failing field of a request, as listed in a 400 problem document. */
export interface FieldError {
  /** JSON pointer into the request, e.g. `/query/limit` or `/body/items/0/name`. */
  pointer: string;
  reason: string;
}

/** Most failing fields a 400 lists: a body with 60,000 unknown keys must not get a 3 MB answer. */
export const MAX_LISTED_ERRORS = 50;

/**
 * The request failed its schema: a 400 listing every failing field, up to
 * {@link MAX_LISTED_ERRORS}; `errorsOmitted` then says how many more failed.
 */
export class ValidationError extends HttpError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[]) {
    const first = errors[0];
    const detail = first
      ? `${first.pointer} ${first.reason}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`
      : 'The request is invalid';
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    const extensions: Record<string, unknown> = { errors: listed };
    if (errors.length > listed.length) extensions.errorsOmitted = errors.length - listed.length;
    super(400, detail, { extensions });
    this.errors = errors;
  }
}
