import { Type, type Static } from '@fastjson-api/core';

/**
 * Request and response schemas of the RealWorld API, after
 * `components.schemas` of its OpenAPI document. The request schemas add the
 * bounds the spec leaves open (lengths, a page size of at most 100), so that
 * no request can ask for unbounded work.
 */

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Username = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: 'Letters, digits, `_`, `.` and `-`: it appears in URLs',
});
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 8, maxLength: 256, format: 'password' });
const Image = Type.String({ maxLength: 2048, description: 'An image URL, or empty' });
const Bio = Type.String({ maxLength: 2000 });
const Tag = Text(40);
const DateTime = Type.String({ format: 'date-time' });

// Requests

export const LoginRequest = Type.Object({
  user: Type.Object({
    email: Type.String({ maxLength: 254 }),
    password: Type.String({ maxLength: 256 }),
  }),
});
export const NewUserRequest = Type.Object({
  user: Type.Object({ username: Username, email: Email, password: Password }),
});
export const UpdateUserRequest = Type.Object({
  user: Type.Object(
    {
      email: Type.Optional(Email),
      username: Type.Optional(Username),
      password: Type.Optional(Password),
      bio: Type.Optional(Bio),
      image: Type.Optional(Image),
    },
    // Refused rather than dropped: an update made only of unknown fields
    // would otherwise answer 200 and change nothing.
    { minProperties: 1, additionalProperties: false },
  ),
});
export const NewArticleRequest = Type.Object({
  article: Type.Object({
    title: Text(200),
    description: Text(500),
    body: Text(100_000),
    tagList: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
  }),
});
export const UpdateArticleRequest = Type.Object({
  article: Type.Object(
    {
      title: Type.Optional(Text(200)),
      description: Type.Optional(Text(500)),
      body: Type.Optional(Text(100_000)),
    },
    // `tagList` included: the spec has no way to change an article's tags.
    { minProperties: 1, additionalProperties: false },
  ),
});
export const NewCommentRequest = Type.Object({
  comment: Type.Object({ body: Text(10_000) }),
});

// Path and query

/**
 * The query of a route that takes none. The cache keys responses by their
 * query, so an ignored `?anything=` would store one more copy per value.
 */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const SlugParams = Type.Object({ slug: Text(200) });
export const CommentParams = Type.Object({
  slug: Text(200),
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
export const UsernameParams = Type.Object({ username: Text(40) });

const Page = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 }),
};
export const ArticleListQuery = Type.Object(
  {
    tag: Type.Optional(Tag),
    author: Type.Optional(Text(40)),
    favorited: Type.Optional(Text(40)),
    ...Page,
  },
  { additionalProperties: false },
);
export const FeedQuery = Type.Object(Page, { additionalProperties: false });

// Responses

export const User = Type.Object({
  email: Type.String(),
  token: Type.String(),
  username: Type.String(),
  bio: Type.String(),
  image: Type.String(),
});
export const Profile = Type.Object({
  username: Type.String(),
  bio: Type.String(),
  image: Type.String(),
  following: Type.Boolean(),
});

const ArticleFields = {
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  tagList: Type.Array(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  favorited: Type.Boolean(),
  favoritesCount: Type.Integer(),
  author: Profile,
};
export const Article = Type.Object({ ...ArticleFields, body: Type.String() });
/** An article in a list: the spec leaves out the body there, which keeps pages small. */
export const ArticleSummary = Type.Object(ArticleFields);

export const Comment = Type.Object({
  id: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  body: Type.String(),
  author: Profile,
});

export const UserResponse = Type.Object({ user: User });
export const ProfileResponse = Type.Object({ profile: Profile });
export const ArticleResponse = Type.Object({ article: Article });
export const ArticleListResponse = Type.Object({
  articles: Type.Array(ArticleSummary),
  articlesCount: Type.Integer(),
});
export const CommentResponse = Type.Object({ comment: Comment });
export const CommentListResponse = Type.Object({ comments: Type.Array(Comment) });
export const TagListResponse = Type.Object({ tags: Type.Array(Type.String()) });

export type LoginRequest = Static<typeof LoginRequest>;
export type NewUserRequest = Static<typeof NewUserRequest>;
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;
export type NewArticleRequest = Static<typeof NewArticleRequest>;
export type UpdateArticleRequest = Static<typeof UpdateArticleRequest>;
export type NewCommentRequest = Static<typeof NewCommentRequest>;
export type ArticleListQuery = Static<typeof ArticleListQuery>;
export type FeedQuery = Static<typeof FeedQuery>;
export type UserResponse = Static<typeof UserResponse>;
export type ProfileResponse = Static<typeof ProfileResponse>;
export type ArticleResponse = Static<typeof ArticleResponse>;
export type ArticleListResponse = Static<typeof ArticleListResponse>;
export type CommentResponse = Static<typeof CommentResponse>;
export type CommentListResponse = Static<typeof CommentListResponse>;
