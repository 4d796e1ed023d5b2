/** A user as the repositories hand it out: never with the password hash. */
export interface UserRecord {
  id: number;
  email: string;
  username: string;
  bio: string;
  image: string;
}

/** A user as another user sees them. */
export interface ProfileRecord {
  id: number;
  username: string;
  bio: string;
  image: string;
  /** Whether the viewer follows this user; false for anonymous viewers. */
  following: boolean;
}

/** An article with what the API shows about it, as seen by one viewer. */
export interface ArticleRecord {
  id: number;
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileRecord;
}

export interface CommentRecord {
  id: number;
  articleId: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: ProfileRecord;
}

/** One page of articles, and how many match the filters in all. */
export interface ArticlePage {
  articles: ArticleRecord[];
  articlesCount: number;
}

/** The filters of `GET /articles`; absent ones do not filter. */
export interface ArticleFilter {
  tag?: string;
  author?: string;
  favorited?: string;
  /** Only articles by users this user follows: the feed. */
  feedOf?: number;
  limit: number;
  offset: number;
}
