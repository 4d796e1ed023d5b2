import { expect } from 'chai';
import { TopK } from '../src/data/top-k.js';

describe('TopK', () => {
  it('keeps the k smallest items in order', () => {
    const top = new TopK<number>(3, (a, b) => a - b);
    for (const n of [9, 4, 7, 1, 8, 3, 6]) top.offer(n);
    expect(top.toArray()).to.deep.equal([1, 3, 4]);
  });

  it('keeps fewer when fewer are offered', () => {
    const top = new TopK<number>(5, (a, b) => a - b);
    for (const n of [2, 1]) top.offer(n);
    expect(top.toArray()).to.deep.equal([1, 2]);
  });

  it('keeps the first offered among equals', () => {
    const top = new TopK<{ v: number; tag: string }>(2, (a, b) => a.v - b.v);
    for (const tag of ['a', 'b', 'c']) top.offer({ v: 1, tag });
    expect(top.toArray().map((x) => x.tag)).to.deep.equal(['a', 'b']);
  });
});
