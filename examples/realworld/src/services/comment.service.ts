import { CLOCK, Inject, Injectable, type Clock } from '@fastjson-api/core';
import { CommentRepository } from '../data/comment-repository.js';
import type { ArticleRecord, CommentRecord } from '../data/types.js';
import { forbidden, notFound } from '../http/errors.js';
import { ArticleService } from './article.service.js';

/** Comments on articles. */
@Injectable()
export class CommentService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly articles: ArticleService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The article at `slug` and its comments, oldest first; 404 when there is no such article. */
  list(slug: string, viewerId: number | undefined) {
    const article = this.articles.get(slug, viewerId);
    return { article, comments: this.comments.ofArticle(article.id, viewerId) };
  }

  add(authorId: number, slug: string, body: string): CommentRecord {
    const article = this.articles.get(slug, authorId);
    const now = new Date(this.clock.now()).toISOString();
    const id = this.comments.insert({ articleId: article.id, authorId, body, now });
    return this.comments.byId(id, authorId)!;
  }

  /**
   * Deletes a comment of `userId`'s; 404 when the article has no such
   * comment, 403 when someone else wrote it.
   */
  delete(userId: number, slug: string, id: number): ArticleRecord {
    const article = this.articles.get(slug, userId);
    const comment = this.comments.byId(id, userId);
    if (!comment || comment.articleId !== article.id) {
      throw notFound(`The article '${slug}' has no comment ${id}.`);
    }
    if (comment.author.id !== userId) throw forbidden('Only its author may delete a comment.');

    this.comments.delete(id);
    return article;
  }
}
