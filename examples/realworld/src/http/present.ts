import type { ArticleRecord, CommentRecord, ProfileRecord, UserRecord } from '../data/types.js';
import type { ArticleResponse, CommentResponse, ProfileResponse, UserResponse } from './schemas.js';

/**
 * Records to response bodies. Each function copies the spec's fields only,
 * so database ids never reach a client, with or without a serializer.
 */

export function presentUser(user: UserRecord, token: string): UserResponse['user'] {
  return { email: user.email, token, username: user.username, bio: user.bio, image: user.image };
}

export function presentProfile(profile: ProfileRecord): ProfileResponse['profile'] {
  const { username, bio, image, following } = profile;
  return { username, bio, image, following };
}

export function presentArticle(article: ArticleRecord): ArticleResponse['article'] {
  return { ...presentSummary(article), body: article.body };
}

/** An article as a list shows it: without its body, as the spec has it. */
export function presentSummary(article: ArticleRecord): Omit<ArticleResponse['article'], 'body'> {
  return {
    slug: article.slug,
    title: article.title,
    description: article.description,
    tagList: article.tagList,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    favorited: article.favorited,
    favoritesCount: article.favoritesCount,
    author: presentProfile(article.author),
  };
}

export function presentComment(comment: CommentRecord): CommentResponse['comment'] {
  return {
    id: comment.id,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    body: comment.body,
    author: presentProfile(comment.author),
  };
}
