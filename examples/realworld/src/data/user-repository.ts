import { Inject, Injectable } from '@fastjson-api/core';
import { DATABASE, type Sqlite } from './database.js';
import type { ProfileRecord, UserRecord } from './types.js';

/** The fields a user may change; absent ones stay as they are. */
export interface UserChanges {
  email?: string;
  username?: string;
  passwordHash?: string;
  bio?: string;
  image?: string;
}

const USER_COLUMNS = 'id, email, username, bio, image';

/**
 * SQL over `users` and `follows` and `'following'` as one viewer sees it.
 * Usernames and emails compare without letter case (the columns are NOCASE).
 */
@Injectable()
export class UserRepository {
  constructor(@Inject(DATABASE) private readonly db: Sqlite) {}

  byId(id: number): UserRecord | undefined {
    return this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as
      UserRecord | undefined;
  }

  /** The id and password hash of the user with `email`, for a login. */
  credentials(email: string): { id: number; passwordHash: string } | undefined {
    const sql = 'SELECT id, password_hash AS passwordHash FROM users WHERE email = ?';
    return this.db.prepare(sql).get(email) as { id: number; passwordHash: string } | undefined;
  }

  /** Which of `email` and `username` another user than `exceptId` already has. */
  taken(email: string | undefined, username: string | undefined, exceptId = 0): string[] {
    const sql =
      'SELECT email = ? AS email, username = ? AS username FROM users' +
      ' WHERE (email = ? OR username = ?) AND id <> ?';
    const rows = this.db.prepare(sql).all(email, username, email, username, exceptId) as {
      email: number;
      username: number;
    }[];
    const fields = new Set<string>();
    for (const row of rows) {
      if (row.email) fields.add('email');
      if (row.username) fields.add('username');
    }
    return [...fields];
  }

  insert(user: { email: string; username: string; passwordHash: string }): number {
    const sql = 'INSERT INTO users (email, username, password_hash) VALUES (?, ?, ?)';
    const result = this.db.prepare(sql).run(user.email, user.username, user.passwordHash);
    return Number(result.lastInsertRowid);
  }

  update(id: number, changes: UserChanges): void {
    const columns: Record<keyof UserChanges, string> = {
      email: 'email',
      username: 'username',
      passwordHash: 'password_hash',
      bio: 'bio',
      image: 'image',
    };
    const names = (Object.keys(changes) as (keyof UserChanges)[]).filter(
      (name) => changes[name] !== undefined,
    );
    if (names.length === 0) return;

    // Column names come from the fixed map above, never from the request.
    const sets = names.map((name) => `${columns[name]} = ?`).join(', ');
    this.db
      .prepare(`UPDATE users SET ${sets} WHERE id = ?`)
      .run(...names.map((name) => changes[name]), id);
  }

  /** The profile of `username` as `viewerId` sees it (`undefined`: anonymous). */
  profile(username: string, viewerId: number | undefined): ProfileRecord | undefined {
    const sql = `SELECT id, username, bio, image,
        EXISTS (SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = users.id) AS following
      FROM users WHERE username = ?`;
    const row = this.db.prepare(sql).get(viewerId ?? null, username) as
      (Omit<ProfileRecord, 'following'> & { following: number }) | undefined;
    return row && { ...row, following: row.following === 1 };
  }

  follow(followerId: number, followeeId: number): void {
    const sql = 'INSERT OR IGNORE INTO follows (follower_id, followee_id) VALUES (?, ?)';
    this.db.prepare(sql).run(followerId, followeeId);
  }

  unfollow(followerId: number, followeeId: number): void {
    const sql = 'DELETE FROM follows WHERE follower_id = ? AND followee_id = ?';
    this.db.prepare(sql).run(followerId, followeeId);
  }

  /** The ids of the users `userId` follows. */
  followees(userId: number): number[] {
    const sql = 'SELECT followee_id AS id FROM follows WHERE follower_id = ?';
    return (this.db.prepare(sql).all(userId) as { id: number }[]).map((row) => row.id);
  }
}
