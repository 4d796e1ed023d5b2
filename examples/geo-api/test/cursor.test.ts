import { expect } from 'chai';
import { decodeCursor, encodeCursor } from '../src/data/index.js';

describe('encodeCursor() / decodeCursor()', () => {
  it('round-trips a position', () => {
    const token = encodeCursor({ population: 341730, id: 2657896 });
    expect(token).to.match(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token)).to.deep.equal({ population: 341730, id: 2657896 });
  });

  it('round-trips population 0', () => {
    const token = encodeCursor({ population: 0, id: 7 });
    expect(decodeCursor(token)).to.deep.equal({ population: 0, id: 7 });
  });

  it('round-trips the largest safe integers', () => {
    const largest = { population: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER };
    expect(decodeCursor(encodeCursor(largest))).to.deep.equal(largest);
  });

  it('rejects numbers past Number.MAX_SAFE_INTEGER', () => {
    const token = Buffer.from(`${Number.MAX_SAFE_INTEGER + 1}:6`).toString('base64url');
    expect(decodeCursor(token)).to.equal(undefined);
  });

  it('rejects tokens it did not make', () => {
    const valid = encodeCursor({ population: 5, id: 6 });
    const rejected = [
      '',
      'not a cursor',
      '!!!!',
      `${valid}=`,
      `${valid}x`,
      valid.slice(0, -1),
      Buffer.from('5:').toString('base64url'),
      Buffer.from('05:6').toString('base64url'),
      Buffer.from('-5:6').toString('base64url'),
      Buffer.from('5:6:7').toString('base64url'),
      Buffer.from('1e3:6').toString('base64url'),
      'A'.repeat(65),
    ];
    for (const token of rejected) expect(decodeCursor(token), token).to.equal(undefined);
  });
});
