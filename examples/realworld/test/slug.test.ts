import { expect } from 'chai';
import { isSlugOf, slugify, uniqueSlug } from '../src/data/slug.js';

describe('slugify()', () => {
  it('lower-cases a title and joins its words with dashes', () => {
    expect(slugify('How to Train Your Dragon')).to.equal('how-to-train-your-dragon');
  });

  it('drops accents and punctuation', () => {
    expect(slugify('  Crème brûlée: a how-to!  ')).to.equal('creme-brulee-a-how-to');
  });

  it('gives "article" for a title without letters or digits', () => {
    expect(slugify('???')).to.equal('article');
  });
});

describe('uniqueSlug()', () => {
  it('numbers a slug that is taken, from 2', () => {
    const taken = new Set(['title', 'title-2']);
    expect(uniqueSlug('title', (slug) => taken.has(slug))).to.equal('title-3');
    expect(uniqueSlug('free', (slug) => taken.has(slug))).to.equal('free');
  });
});

describe('isSlugOf()', () => {
  it('knows a base and its numbered forms, and nothing else', () => {
    expect(isSlugOf('title', 'title')).to.equal(true);
    expect(isSlugOf('title-12', 'title')).to.equal(true);
    expect(isSlugOf('title-x', 'title')).to.equal(false);
    expect(isSlugOf('title-2-3', 'title-2')).to.equal(true);
    expect(isSlugOf('titles', 'title')).to.equal(false);
  });
});
