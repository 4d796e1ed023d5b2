import {
  Body,
  Controller,
  Ctx,
  Get,
  Header,
  Invalidates,
  Post,
  Put,
  type RequestContext,
} from '@fastjson-api/core';
import { AuthService } from '../auth/auth.service.js';
import { UserService } from '../services/user.service.js';
import { ARTICLES, invalidatedTags, setTags, userTag } from './cache-tags.js';
import { presentUser } from './present.js';
import {
  LoginRequest,
  NewUserRequest,
  NoQuery,
  UpdateUserRequest,
  UserResponse,
} from './schemas.js';

/** Registration, login and the current user. */
@Controller('/api')
export class UsersController {
  constructor(
    private readonly users: UserService,
    private readonly auth: AuthService,
  ) {}

  @Post('/users/login', {
    body: LoginRequest,
    response: { 200: UserResponse },
    summary: 'Log in: a token for an email and a password',
  })
  async login(@Body() body: LoginRequest): Promise<UserResponse> {
    const { user, token } = await this.users.login(body.user.email, body.user.password);
    return { user: presentUser(user, token) };
  }

  @Post('/users', {
    body: NewUserRequest,
    creates: true,
    response: { 201: UserResponse },
    summary: 'Register a new user',
  })
  async register(@Body() body: NewUserRequest): Promise<UserResponse> {
    // Nothing cached shows a user with no articles yet: nothing to invalidate.
    const { user, token } = await this.users.register(body.user);
    return { user: presentUser(user, token) };
  }

  @Get('/user', { query: NoQuery, response: { 200: UserResponse }, summary: 'The current user' })
  async current(@Header('authorization') authorization?: string): Promise<UserResponse> {
    const caller = await this.auth.required(authorization);
    return { user: presentUser(caller.user, caller.token) };
  }

  @Put('/user', {
    body: UpdateUserRequest,
    response: { 200: UserResponse },
    summary: 'Change the current user',
  })
  @Invalidates(invalidatedTags)
  async update(
    @Body() body: UpdateUserRequest,
    @Ctx() ctx: RequestContext,
    @Header('authorization') authorization?: string,
  ): Promise<UserResponse> {
    const caller = await this.auth.required(authorization);
    const user = await this.users.update(caller.user, body.user);

    // A new name changes what ?author= and ?favorited= pages match.
    const renamed = user.username !== caller.user.username;
    setTags(ctx, renamed ? [userTag(user.id), ARTICLES] : [userTag(user.id)]);
    return { user: presentUser(user, caller.token) };
  }
}
