import type { ProfileRecord } from './types.js';

/** The author columns that article and comment queries join in, as SQLite returns them. */
export interface AuthorColumns {
  authorId: number;
  username: string;
  bio: string;
  image: string;
  /** 1 when the viewer follows the author, else 0. */
  following: number;
}

/** The author of a joined row, as the viewer sees them. */
export function authorOf(row: AuthorColumns): ProfileRecord {
  return {
    id: row.authorId,
    username: row.username,
    bio: row.bio,
    image: row.image,
    following: row.following === 1,
  };
}
