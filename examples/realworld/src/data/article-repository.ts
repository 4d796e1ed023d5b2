import { Inject, Injectable } from '@fastjson-api/core';
import { authorOf, type AuthorColumns } from './author-row.js';
import { DATABASE, type Sqlite } from './database.js';
import type { ArticleFilter, ArticlePage, ArticleRecord } from './types.js';

/** The columns of an article as one viewer (`@viewer`, NULL when anonymous) sees it. */
const ARTICLE_SELECT = `
  SELECT a.id, a.slug, a.title, a.description, a.body,
    a.created_at AS createdAt, a.updated_at AS updatedAt,
    (SELECT json_group_array(tag) FROM
      (SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position)) AS tagList,
    (SELECT count(*) FROM favorites WHERE article_id = a.id) AS favoritesCount,
    EXISTS (SELECT 1 FROM favorites WHERE article_id = a.id AND user_id = @viewer) AS favorited,
    u.id AS authorId, u.username, u.bio, u.image,
    EXISTS (SELECT 1 FROM follows WHERE follower_id = @viewer AND followee_id = u.id) AS following
  FROM articles a JOIN users u ON u.id = a.author_id`;

/** Filters of a list, each one a no-op when its parameter is NULL. */
const FILTERS = `
  WHERE (@tag IS NULL OR EXISTS
      (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag = @tag))
    AND (@author IS NULL OR u.username = @author)
    AND (@favorited IS NULL OR EXISTS (SELECT 1 FROM favorites f
      JOIN users fu ON fu.id = f.user_id WHERE f.article_id = a.id AND fu.username = @favorited))
    AND (@feedOf IS NULL OR a.author_id IN
      (SELECT followee_id FROM follows WHERE follower_id = @feedOf))`;

interface ArticleRow extends AuthorColumns {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  tagList: string;
  favoritesCount: number;
  favorited: number;
}

/** The fields of a new article, its slug already chosen. */
export interface NewArticleRow {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: readonly string[];
  authorId: number;
  now: string;
}

/** SQL over `articles`, `article_tags` and `favorites`. */
@Injectable()
export class ArticleRepository {
  constructor(@Inject(DATABASE) private readonly db: Sqlite) {}

  bySlug(slug: string, viewerId: number | undefined): ArticleRecord | undefined {
    const sql = `${ARTICLE_SELECT} WHERE a.slug = @slug`;
    const row = this.db.prepare(sql).get({ slug, viewer: viewerId ?? null }) as
      ArticleRow | undefined;
    return row && toRecord(row);
  }

  /** A page of articles, newest first, with the count of all that match. */
  list(filter: ArticleFilter, viewerId: number | undefined): ArticlePage {
    const params = {
      tag: filter.tag ?? null,
      author: filter.author ?? null,
      favorited: filter.favorited ?? null,
      feedOf: filter.feedOf ?? null,
      viewer: viewerId ?? null,
    };
    // Newest first by id: ids grow with creation, and two articles created
    // in the same millisecond still get a stable order.
    const pageSql = `${ARTICLE_SELECT} ${FILTERS} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`;
    const rows = this.db
      .prepare(pageSql)
      .all({ ...params, limit: filter.limit, offset: filter.offset }) as ArticleRow[];

    const countSql = `SELECT count(*) AS n FROM articles a JOIN users u ON u.id = a.author_id
      ${FILTERS}`;
    const { viewer: _viewer, ...countParams } = params;
    const { n } = this.db.prepare(countSql).get(countParams) as { n: number };
    return { articles: rows.map(toRecord), articlesCount: n };
  }

  slugExists(slug: string): boolean {
    return this.db.prepare('SELECT 1 FROM articles WHERE slug = ?').get(slug) !== undefined;
  }

  insert(article: NewArticleRow): number {
    return this.db.transaction(() => {
      const sql = `INSERT INTO articles
        (slug, title, description, body, author_id, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`;
      const { slug, title, description, body, authorId, now } = article;
      const result = this.db.prepare(sql).run(slug, title, description, body, authorId, now, now);
      const id = Number(result.lastInsertRowid);

      const tagSql = 'INSERT INTO article_tags (article_id, tag, position) VALUES (?, ?, ?)';
      const insertTag = this.db.prepare(tagSql);
      article.tagList.forEach((tag, position) => insertTag.run(id, tag, position));
      return id;
    })();
  }

  update(
    id: number,
    changes: { slug: string; title: string; description: string; body: string },
    now: string,
  ): void {
    const sql = `UPDATE articles SET slug = ?, title = ?, description = ?, body = ?, updated_at = ?
      WHERE id = ?`;
    const { slug, title, description, body } = changes;
    this.db.prepare(sql).run(slug, title, description, body, now, id);
  }

  /** Deletes an article; its tags, favorites and comments go with it (ON DELETE CASCADE). */
  delete(id: number): void {
    this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
  }

  favorite(userId: number, articleId: number): void {
    const sql = 'INSERT OR IGNORE INTO favorites (user_id, article_id) VALUES (?, ?)';
    this.db.prepare(sql).run(userId, articleId);
  }

  unfavorite(userId: number, articleId: number): void {
    const sql = 'DELETE FROM favorites WHERE user_id = ? AND article_id = ?';
    this.db.prepare(sql).run(userId, articleId);
  }

  /** Every tag in use, the most used first. */
  tags(): string[] {
    const sql = 'SELECT tag FROM article_tags GROUP BY tag ORDER BY count(*) DESC, tag';
    return (this.db.prepare(sql).all() as { tag: string }[]).map((row) => row.tag);
  }
}

function toRecord(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    body: row.body,
    tagList: JSON.parse(row.tagList) as string[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    favorited: row.favorited === 1,
    favoritesCount: row.favoritesCount,
    author: authorOf(row),
  };
}
