import {
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
import { ProfileService } from '../services/profile.service.js';
import { cachedTags, feedTag, invalidatedTags, setTags, userTag } from './cache-tags.js';
import { presentProfile } from './present.js';
import { NoQuery, ProfileResponse, UsernameParams } from './schemas.js';

/** Profiles, following and unfollowing. */
@Controller('/api/profiles')
export class ProfilesController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly auth: AuthService,
  ) {}

  /** Anonymous requests share one entry; `following` is then always false. */
  @Get('/:username', {
    params: UsernameParams,
    query: NoQuery,
    response: { 200: ProfileResponse },
    summary: 'A profile',
  })
  @Cached({ ttl: '10m', tags: cachedTags })
  async get(
    @Param('username') username: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ProfileResponse> {
    const caller = await this.auth.optional(authorization);
    const profile = this.profiles.get(username, caller?.id);
    setTags(ctx, [userTag(profile.id)]);
    return { profile: presentProfile(profile) };
  }

  /**
   * Following changes only what its follower sees: their feed, and the
   * `following` flags of answers made for them, which are never cached.
   */
  @Post('/:username/follow', {
    params: UsernameParams,
    response: { 200: ProfileResponse },
    summary: 'Follow a user',
  })
  @Invalidates(invalidatedTags)
  async follow(
    @Param('username') username: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ProfileResponse> {
    const caller = await this.auth.required(authorization);
    const profile = this.profiles.follow(caller.id, username);
    setTags(ctx, [feedTag(caller.id)]);
    return { profile: presentProfile(profile) };
  }

  @Delete('/:username/follow', {
    params: UsernameParams,
    response: { 200: ProfileResponse },
    summary: 'Unfollow a user',
  })
  @Invalidates(invalidatedTags)
  async unfollow(
    @Param('username') username: string,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<ProfileResponse> {
    const caller = await this.auth.required(authorization);
    const profile = this.profiles.unfollow(caller.id, username);
    setTags(ctx, [feedTag(caller.id)]);
    return { profile: presentProfile(profile) };
  }
}
