import type { RequestContext } from '@fastjson-api/core';
import type { ArticleRecord, CommentRecord } from '../data/types.js';

/**
 * Cache tags of the API. A tag names data a cached response was built from,
 * so that a write invalidates the responses it makes stale and no others:
 *
 * - `article:<id>`: every response that shows that article: by slug, in a
 *   list or a feed, and its comments (they go when it is deleted).
 * - `user:<id>`: every response that shows that user's profile: the
 *   profile itself, and as the author of articles and comments.
 * - `articles`: every page of `GET /articles`. A new or deleted article
 *   changes which articles a page holds, not only what one looks like.
 * - `articles-by:<id>`: every feed page of a follower of that author, for
 *   the same reason.
 * - `favorites:<username>`: every page of `?favorited=<username>`, whose
 *   members change when that user favorites or unfavorites an article.
 * - `feed:<id>`: that user's feed pages, which change when they follow or
 *   unfollow someone.
 * - `comments:<article id>`: the comments of an article.
 * - `tags`: the tag list.
 *
 * Ids are the database's, so that a renamed user keeps their tags; the
 * `favorites` tag uses the lower-cased username because the filter names
 * the user by name, including names nobody holds yet.
 */
export const articleTag = (id: number) => `article:${id}`;
export const userTag = (id: number) => `user:${id}`;
export const ARTICLES = 'articles';
export const articlesByTag = (authorId: number) => `articles-by:${authorId}`;
export const favoritesTag = (username: string) => `favorites:${username.toLowerCase()}`;
export const feedTag = (userId: number) => `feed:${userId}`;
export const commentsTag = (articleId: number) => `comments:${articleId}`;
export const TAGS = 'tags';

/** The tags of responses that show these articles. */
export function articleTags(articles: readonly ArticleRecord[]): string[] {
  const tags = new Set<string>();
  for (const article of articles) {
    tags.add(articleTag(article.id));
    tags.add(userTag(article.author.id));
  }
  return [...tags];
}

/** The tags of a comment list. */
export function commentTags(articleId: number, comments: readonly CommentRecord[]): string[] {
  const authors = comments.map((comment) => userTag(comment.author.id));
  return [...new Set([commentsTag(articleId), articleTag(articleId), ...authors])];
}

/**
 * Where a handler leaves the tags of its response, or of its write. The
 * tags come from database ids that the response body leaves out, so the
 * handler, which has them, names them, and `@Cached` and `@Invalidates`
 * read them with {@link cachedTags} and {@link invalidatedTags}.
 */
const HANDLER_TAGS = Symbol('realworld:cache-tags');

export function setTags(ctx: RequestContext, tags: readonly string[]): void {
  ctx.state.set(HANDLER_TAGS, tags);
}

const handlerTags = (ctx: RequestContext) =>
  (ctx.state.get(HANDLER_TAGS) as readonly string[] | undefined) ?? [];

/** The `tags` of a `@Cached` route whose handler calls {@link setTags}. */
export const cachedTags = (_result: unknown, ctx: RequestContext) => handlerTags(ctx);

/** The tags of an `@Invalidates` route whose handler calls {@link setTags}. */
export const invalidatedTags = (ctx: RequestContext) => handlerTags(ctx);
