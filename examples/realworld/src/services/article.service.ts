import { CLOCK, Inject, Injectable, type Clock } from '@fastjson-api/core';
import { ArticleRepository } from '../data/article-repository.js';
import { isSlugOf, slugify, uniqueSlug } from '../data/slug.js';
import type { ArticleFilter, ArticlePage, ArticleRecord } from '../data/types.js';
import { forbidden, notFound } from '../http/errors.js';

/** What a new article holds. */
export interface NewArticle {
  title: string;
  description: string;
  body: string;
  tagList?: readonly string[];
}

/** The fields of an article its author may change. */
export type ArticleChanges = Partial<Omit<NewArticle, 'tagList'>>;

/** Articles: reading, writing (by their authors only) and favorites. */
@Injectable()
export class ArticleService {
  constructor(
    private readonly articles: ArticleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(filter: ArticleFilter, viewerId: number | undefined): ArticlePage {
    return this.articles.list(filter, viewerId);
  }

  /** The article at `slug`; 404 when there is none. */
  get(slug: string, viewerId: number | undefined): ArticleRecord {
    const article = this.articles.bySlug(slug, viewerId);
    if (!article) throw notFound(`No article has the slug '${slug}'.`);
    return article;
  }

  create(authorId: number, input: NewArticle): ArticleRecord {
    // Tags are kept as given, once each and in their first order.
    const tagList = [...new Set((input.tagList ?? []).map((tag) => tag.trim()).filter(Boolean))];
    const slug = this.#freeSlug(input.title);
    this.articles.insert({ ...input, tagList, slug, authorId, now: this.#now() });
    return this.get(slug, authorId);
  }

  /**
   * Changes an article of `userId`'s; 403 for anyone else's. A new title
   * gives a new slug, so the article's URL follows its title.
   */
  update(userId: number, slug: string, changes: ArticleChanges): ArticleRecord {
    const article = this.#own(userId, slug, 'change');
    const title = changes.title ?? article.title;
    // A title that slugs the same keeps the article's URL.
    const keeps = title === article.title || isSlugOf(article.slug, slugify(title));
    const newSlug = keeps ? article.slug : this.#freeSlug(title);

    const fields = {
      slug: newSlug,
      title,
      description: changes.description ?? article.description,
      body: changes.body ?? article.body,
    };
    this.articles.update(article.id, fields, this.#now());
    return this.get(newSlug, userId);
  }

  /** Deletes an article of `userId`'s; 403 for anyone else's. Returns what it was. */
  delete(userId: number, slug: string): ArticleRecord {
    const article = this.#own(userId, slug, 'delete');
    this.articles.delete(article.id);
    return article;
  }

  favorite(userId: number, slug: string): ArticleRecord {
    const article = this.get(slug, userId);
    this.articles.favorite(userId, article.id);
    return this.get(slug, userId);
  }

  unfavorite(userId: number, slug: string): ArticleRecord {
    const article = this.get(slug, userId);
    this.articles.unfavorite(userId, article.id);
    return this.get(slug, userId);
  }

  tags(): string[] {
    return this.articles.tags();
  }

  #own(userId: number, slug: string, action: string): ArticleRecord {
    const article = this.get(slug, userId);
    if (article.author.id !== userId) {
      throw forbidden(`Only the author of '${slug}' may ${action} it.`);
    }
    return article;
  }

  #freeSlug(title: string): string {
    return uniqueSlug(slugify(title), (slug) => this.articles.slugExists(slug));
  }

  #now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
