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
  type RequestContext,
} from '@fastjson-api/core';
import { AuthService } from '../auth/auth.service.js';
import { CommentService } from '../services/comment.service.js';
import { cachedTags, commentTags, commentsTag, invalidatedTags, setTags } from './cache-tags.js';
import { presentComment } from './present.js';
import {
  CommentListResponse,
  CommentParams,
  CommentResponse,
  NewCommentRequest,
  NoQuery,
  SlugParams,
} from './schemas.js';

/** The comments of an article. */
@Controller('/api/articles/:slug/comments')
export class CommentsController {
  constructor(
    private readonly comments: CommentService,
    private readonly auth: AuthService,
  ) {}

  @Get('/', {
    params: SlugParams,
    query: NoQuery,
    response: { 200: CommentListResponse },
    summary: "An article's comments, oldest first",
  })
  @Cached({ ttl: '5m', tags: cachedTags })
  async list(
    @Param('slug') slug: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<CommentListResponse> {
    const caller = await this.auth.optional(authorization);
    const { article, comments } = this.comments.list(slug, caller?.id);
    setTags(ctx, commentTags(article.id, comments));
    return { comments: comments.map(presentComment) };
  }

  /** The spec answers a new comment with 200, not 201. */
  @Post('/', {
    params: SlugParams,
    body: NewCommentRequest,
    response: { 200: CommentResponse },
    summary: 'Comment on an article',
  })
  @Invalidates(invalidatedTags)
  async add(
    @Param('slug') slug: string,
    @Body() body: NewCommentRequest,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<CommentResponse> {
    const caller = await this.auth.required(authorization);
    const comment = this.comments.add(caller.id, slug, body.comment.body);
    setTags(ctx, [commentsTag(comment.articleId)]);
    return { comment: presentComment(comment) };
  }

  @Delete('/:id', { params: CommentParams, summary: 'Delete a comment (its author only)' })
  @Invalidates(invalidatedTags)
  async delete(
    @Param('slug') slug: string,
    @Param('id') id: number,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<void> {
    const caller = await this.auth.required(authorization);
    const article = this.comments.delete(caller.id, slug, id);
    setTags(ctx, [commentsTag(article.id)]);
  }
}
