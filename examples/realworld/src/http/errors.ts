import { HttpError } from '@fastjson-api/core';

/**
 * Errors of the API: RFC 9457 problem documents, as every error of the kit
 * is, that also carry the RealWorld spec's `errors: { body: [...] }` member,
 * so that a Conduit client finds its messages where it looks for them.
 */
function conduitError(status: number, messages: readonly string[], headers = {}): HttpError {
  return new HttpError(status, messages.join(' '), {
    extensions: { errors: { body: [...messages] } },
    headers,
  });
}

/**
 * 401, with the challenge RFC 9110 §11.6.1 requires. The scheme is the
 * spec's `Token`; `Bearer` is accepted as well.
 */
export const unauthorized = (message: string) =>
  conduitError(401, [message], { 'www-authenticate': 'Token realm="conduit"' });

export const forbidden = (message: string) => conduitError(403, [message]);

export const notFound = (message: string) => conduitError(404, [message]);

/** 409: the request is valid, but another account already holds a unique field. */
export const conflict = (messages: readonly string[]) => conduitError(409, messages);

/** 422: the request is well formed, but asks for something the API does not do. */
export const unprocessable = (message: string) => conduitError(422, [message]);
