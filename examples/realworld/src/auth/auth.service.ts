import { Injectable } from '@fastjson-api/core';
import { UserRepository } from '../data/user-repository.js';
import type { UserRecord } from '../data/types.js';
import { unauthorized } from '../http/errors.js';
import { tokenOf } from './credentials.js';
import { TokenService } from './tokens.js';

/** Who a request comes from: the user, and the token it proved it with. */
export interface Caller {
  id: number;
  user: UserRecord;
  token: string;
}

/** Reads the caller from an `Authorization` header. */
@Injectable()
export class AuthService {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UserRepository,
  ) {}

  /** The caller; 401 when the header is missing or its token is not valid. */
  async required(authorization: string | undefined): Promise<Caller> {
    const caller = await this.optional(authorization);
    if (!caller) throw unauthorized('This needs a token: send Authorization: Token <jwt>.');
    return caller;
  }

  /**
   * The caller, or `undefined` for a request without `Authorization`. A
   * header that is present but wrong is a 401 all the same: a client that
   * sends a stale token should learn it, not get anonymous answers.
   */
  async optional(authorization: string | undefined): Promise<Caller | undefined> {
    const token = tokenOf(authorization);
    if (token === undefined) return undefined;
    if (token === null) {
      throw unauthorized('The Authorization header must be "Token <jwt>" or "Bearer <jwt>".');
    }

    const id = await this.tokens.verify(token);
    // A valid signature over a user that is gone (another database under
    // the same secret) proves nothing either.
    const user = id === undefined ? undefined : this.users.byId(id);
    if (!user) throw unauthorized('The token is invalid or has expired; log in again.');
    return { id: user.id, user, token };
  }
}
