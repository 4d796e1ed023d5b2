import { Inject, Injectable } from '@fastjson-api/core';
import { authorOf, type AuthorColumns } from './author-row.js';
import { DATABASE, type Sqlite } from './database.js';
import type { CommentRecord } from './types.js';

const COMMENT_SELECT = `
  SELECT c.id, c.article_id AS articleId, c.body,
    c.created_at AS createdAt, c.updated_at AS updatedAt,
    u.id AS authorId, u.username, u.bio, u.image,
    EXISTS (SELECT 1 FROM follows WHERE follower_id = @viewer AND followee_id = u.id) AS following
  FROM comments c JOIN users u ON u.id = c.author_id`;

interface CommentRow extends AuthorColumns {
  id: number;
  articleId: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** SQL over `comments`. */
@Injectable()
export class CommentRepository {
  constructor(@Inject(DATABASE) private readonly db: Sqlite) {}

  /** The comments of an article, oldest first, as `viewerId` sees their authors. */
  ofArticle(articleId: number, viewerId: number | undefined): CommentRecord[] {
    const sql = `${COMMENT_SELECT} WHERE c.article_id = @articleId ORDER BY c.id`;
    const rows = this.db.prepare(sql).all({ articleId, viewer: viewerId ?? null }) as CommentRow[];
    return rows.map(toRecord);
  }

  byId(id: number, viewerId: number | undefined): CommentRecord | undefined {
    const sql = `${COMMENT_SELECT} WHERE c.id = @id`;
    const row = this.db.prepare(sql).get({ id, viewer: viewerId ?? null }) as
      CommentRow | undefined;
    return row && toRecord(row);
  }

  insert(comment: { articleId: number; authorId: number; body: string; now: string }): number {
    const sql = `INSERT INTO comments (article_id, author_id, body, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?)`;
    const { articleId, authorId, body, now } = comment;
    return Number(this.db.prepare(sql).run(articleId, authorId, body, now, now).lastInsertRowid);
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM comments WHERE id = ?').run(id);
  }
}

function toRecord(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    articleId: row.articleId,
    body: row.body,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    author: authorOf(row),
  };
}
