/**
 * The URL-safe base of an article's slug: lower case, ASCII letters and
 * digits, words joined by `-`. Accents are dropped (`Crème brûlée` gives
 * `creme-brulee`); a title with no letter or digit at all gives `article`.
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

/** The first of `base`, `base-2`, `base-3`, … that `taken` says is free. */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
