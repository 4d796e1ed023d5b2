import { expect } from 'chai';
import { hashPassword, verifyPassword } from '../src/auth/password.js';

describe('hashPassword() and verifyPassword()', () => {
  it('accepts the password that was hashed and refuses another', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', hash)).to.equal(true);
    expect(await verifyPassword('correct horsE', hash)).to.equal(false);
  });

  it('salts each hash: one password gives two different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).to.not.equal(b);
    expect(a).to.match(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
  });

  it('refuses a stored value that is not one of its hashes', async () => {
    expect(await verifyPassword('x', 'plain-text')).to.equal(false);
  });
});
