import {
  Body,
  Cached,
  Controller,
  Ctx,
  Delete,
  Get,
  Header,
  Invalidates,
  Param,
  Post,
  Put,
  Query,
  type RequestContext,
} from '@fastjson-api/core';
import { AuthService } from '../auth/auth.service.js';
import { tokenPrincipal } from '../auth/credentials.js';
import { UserRepository } from '../data/user-repository.js';
import { ArticleService } from '../services/article.service.js';
import {
  ARTICLES,
  articleTag,
  articleTags,
  articlesByTag,
  cachedTags,
  favoritesTag,
  feedTag,
  invalidatedTags,
  setTags,
  TAGS,
} from './cache-tags.js';
import { presentArticle, presentSummary } from './present.js';
import {
  ArticleListQuery,
  ArticleListResponse,
  ArticleResponse,
  FeedQuery,
  NewArticleRequest,
  NoQuery,
  SlugParams,
  UpdateArticleRequest,
} from './schemas.js';

/** Articles: lists, the feed, and one article by its slug. */
@Controller('/api/articles')
export class ArticlesController {
  constructor(
    private readonly articles: ArticleService,
    private readonly users: UserRepository,
    private readonly auth: AuthService,
  ) {}

  @Get('/', {
    query: ArticleListQuery,
    response: { 200: ArticleListResponse },
    summary: 'Recent articles, by tag, author or who favorited them',
  })
  @Cached({ ttl: '2m', tags: cachedTags })
  async list(
    @Query() query: ArticleListQuery,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleListResponse> {
    const caller = await this.auth.optional(authorization);
    const page = this.articles.list(query, caller?.id);

    const tags = [ARTICLES, ...articleTags(page.articles)];
    if (query.favorited !== undefined) tags.push(favoritesTag(query.favorited));
    setTags(ctx, tags);
    return { articles: page.articles.map(presentSummary), articlesCount: page.articlesCount };
  }

  /**
   * The caller's feed, cached per caller (`scope: 'user'`). The principal is
   * a hash of the token, not the user id; see `tokenPrincipal` for why.
   */
  @Get('/feed', {
    query: FeedQuery,
    response: { 200: ArticleListResponse },
    summary: 'Recent articles by the users the caller follows',
  })
  @Cached({ ttl: '1m', scope: 'user', principal: tokenPrincipal, tags: cachedTags })
  async feed(
    @Query() query: FeedQuery,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleListResponse> {
    const caller = await this.auth.required(authorization);
    const page = this.articles.list({ ...query, feedOf: caller.id }, caller.id);

    const followees = this.users.followees(caller.id).map(articlesByTag);
    setTags(ctx, [feedTag(caller.id), ...followees, ...articleTags(page.articles)]);
    return { articles: page.articles.map(presentSummary), articlesCount: page.articlesCount };
  }

  @Post('/', {
    body: NewArticleRequest,
    creates: true,
    response: { 201: ArticleResponse },
    summary: 'Write an article',
  })
  @Invalidates(invalidatedTags)
  async create(
    @Body() body: NewArticleRequest,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleResponse> {
    const caller = await this.auth.required(authorization);
    const article = this.articles.create(caller.id, body.article);

    // A new article enters the lists and its author's followers' feeds.
    setTags(ctx, [ARTICLES, articlesByTag(caller.id), ...(article.tagList.length ? [TAGS] : [])]);
    return { article: presentArticle(article) };
  }

  @Get('/:slug', {
    params: SlugParams,
    query: NoQuery,
    response: { 200: ArticleResponse },
    summary: 'One article',
  })
  @Cached({ ttl: '10m', tags: cachedTags })
  async get(
    @Param('slug') slug: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleResponse> {
    const caller = await this.auth.optional(authorization);
    const article = this.articles.get(slug, caller?.id);
    setTags(ctx, articleTags([article]));
    return { article: presentArticle(article) };
  }

  @Put('/:slug', {
    params: SlugParams,
    body: UpdateArticleRequest,
    response: { 200: ArticleResponse },
    summary: 'Change an article (its author only)',
  })
  @Invalidates(invalidatedTags)
  async update(
    @Param('slug') slug: string,
    @Body() body: UpdateArticleRequest,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ArticleResponse> {
    const caller = await this.auth.required(authorization);
    const article = this.articles.update(caller.id, slug, body.article);

    // Every response that shows it carries its tag: by slug, lists, feeds.
    setTags(ctx, [articleTag(article.id)]);
    return { article: presentArticle(article) };
  }

  @Delete('/:slug', { params: SlugParams, summary: 'Delete an article (its author only)' })
  @Invalidates(invalidatedTags)
  async delete(
    @Param('slug') slug: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<void> {
    const caller = await this.auth.required(authorization);
    const article = this.articles.delete(caller.id, slug);

    // The pages after it shift too, and its tags may leave the tag list.
    setTags(ctx, [articleTag(article.id), ARTICLES, articlesByTag(caller.id), TAGS]);
  }
}
