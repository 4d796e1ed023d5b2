import { Injectable } from '@fastjson-api/core';
import { DECOY_HASH, hashPassword, verifyPassword } from '../auth/password.js';
import { TokenService } from '../auth/tokens.js';
import type { UserRecord } from '../data/types.js';
import { UserRepository, type UserChanges } from '../data/user-repository.js';
import { conflict, unauthorized } from '../http/errors.js';

/** Registration, login and account changes. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenService,
  ) {}

  /** Creates an account; 409 when its email or username is taken. */
  async register(input: { username: string; email: string; password: string }) {
    this.#refuseTaken(input.email, input.username);
    const passwordHash = await hashPassword(input.password);

    // Checked again after the hash: another registration may have taken
    // the name while scrypt ran. SQLite's UNIQUE constraints are the last word.
    this.#refuseTaken(input.email, input.username);
    const id = this.users.insert({ email: input.email, username: input.username, passwordHash });
    return { user: this.users.byId(id)!, token: await this.tokens.sign(id) };
  }

  /** The user with these credentials and a new token; 401 when they do not match. */
  async login(email: string, password: string) {
    const credentials = this.users.credentials(email);
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await DECOY_HASH));
    if (!credentials || !matches) throw unauthorized('The email or the password is wrong.');

    const id = credentials.id;
    return { user: this.users.byId(id)!, token: await this.tokens.sign(id) };
  }

  /** Applies `changes` to the account; 409 when the new email or username is taken. */
  async update(
    user: UserRecord,
    changes: { email?: string; username?: string; password?: string; bio?: string; image?: string },
  ): Promise<UserRecord> {
    this.#refuseTaken(changes.email, changes.username, user.id);
    const { password, ...fields } = changes;
    const update: UserChanges = { ...fields };
    if (password !== undefined) update.passwordHash = await hashPassword(password);

    this.#refuseTaken(changes.email, changes.username, user.id);
    this.users.update(user.id, update);
    return this.users.byId(user.id)!;
  }

  #refuseTaken(email: string | undefined, username: string | undefined, exceptId?: number): void {
    const taken = this.users.taken(email, username, exceptId);
    if (taken.length > 0) throw conflict(taken.map((field) => `${field} has already been taken`));
  }
}
