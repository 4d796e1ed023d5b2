import { Inject, Injectable } from '@fastjson-api/core';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/** The injection token of the HS256 secret, as text. */
export const JWT_SECRET = Symbol('realworld:jwt-secret');

/** How long a token stays valid. The API has no refresh: a client logs in again. */
const TOKEN_LIFETIME = '7d';
const ISSUER = 'conduit';

/** Signs and checks the API's JWTs (HS256, the user id as `sub`). */
@Injectable()
export class TokenService {
  readonly #key: Uint8Array;

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.#key = new TextEncoder().encode(secret);
  }

  sign(userId: number): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.#key);
  }

  /** The user id in `token`, or `undefined` when it is forged, malformed or expired. */
  async verify(token: string): Promise<number | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.#key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
      });
      const id = Number(payload.sub);
      return Number.isSafeInteger(id) && id > 0 ? id : undefined;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return undefined;
      throw error;
    }
  }
}
