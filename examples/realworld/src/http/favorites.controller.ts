import {
  Controller,
  Ctx,
  Delete,
  Header,
  Invalidates,
  Param,
  Post,
  type RequestContext,
} from '@fastjson-api/core';
import { AuthService } from '../auth/auth.service.js';
import type { ArticleRecord } from '../data/types.js';
import { ArticleService } from '../services/article.service.js';
import { articleTag, favoritesTag, invalidatedTags, setTags } from './cache-tags.js';
import { presentArticle } from './present.js';
import { ArticleResponse, SlugParams } from './schemas.js';

/** Favoriting and unfavoriting articles. */
@Controller('/api/articles')
export class FavoritesController {
  constructor(
    private readonly articles: ArticleService,
    private readonly auth: AuthService,
  ) {}

  @Post('/:slug/favorite', {
    params: SlugParams,
    response: { 200: ArticleResponse },
    summary: 'Favorite an article',
  })
  @Invalidates(invalidatedTags)
  async favorite(
    @Param('slug') slug: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleResponse> {
    const caller = await this.auth.required(authorization);
    const article = this.articles.favorite(caller.id, slug);
    return answer(ctx, article, caller.user.username);
  }

  @Delete('/:slug/favorite', {
    params: SlugParams,
    response: { 200: ArticleResponse },
    summary: 'Unfavorite an article',
  })
  @Invalidates(invalidatedTags)
  async unfavorite(
    @Param('slug') slug: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleResponse> {
    const caller = await this.auth.required(authorization);
    const article = this.articles.unfavorite(caller.id, slug);
    return answer(ctx, article, caller.user.username);
  }
}

/**
 * A favorite changes the article's `favoritesCount`, wherever it is shown,
 * and which articles the caller's `?favorited=` pages hold.
 */
function answer(ctx: RequestContext, article: ArticleRecord, username: string): ArticleResponse {
  setTags(ctx, [articleTag(article.id), favoritesTag(username)]);
  return { article: presentArticle(article) };
}
