/**
 * The URL-safe base of an article's slug: lower case, ASCII letters and
 * digits, words joined by `-`. Accents are dropped (`Crème brûlée` gives
 * `creme-brulee`); a title with no ASCII letter or digit (CJK or emoji only, say) gives `article`.
 */
export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return base || 'article';
}

/**
 * Slugs that name a route of their own under `/api/articles/`: an article
 * slugged `feed` could never be read, as `GET /api/articles/feed` is the feed.
 */
const RESERVED = new Set(['feed']);

/** The first of `base`, `base-2`, `base-3`, … that is not reserved and that `taken` says is free. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!RESERVED.has(base) && !taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** Whether `slug` is one that {@link uniqueSlug} could give for `base`: `base` itself or `base-<n>`. */
export function isSlugOf(slug: string, base: string): boolean {
  if (slug === base) return true;
  return slug.startsWith(`${base}-`) && /^\d+$/.test(slug.slice(base.length + 1));
}
