import { expect } from 'chai';
import { body, errorMessages, expectProblem, useConduit } from './conduit-client.js';

describe('users and authentication', () => {
  const api = useConduit();

  describe('POST /api/users', () => {
    it('registers a user and answers 201 with the user and a token', async () => {
      const json = { user: { username: 'jake', email: 'jake@jake.jake', password: 'jakejake' } };
      const res = await api.post('/api/users', json);

      expect(res.status).to.equal(201);
      expect(body(res).user).to.deep.include({
        username: 'jake',
        email: 'jake@jake.jake',
        bio: '',
        image: '',
      });
      expect(body(res).user.token).to.match(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(body(res).user).to.not.have.property('password');
    });

    it('refuses a taken username or email with 409, naming the field', async () => {
      await api.register('jake');
      const json = { user: { username: 'JAKE', email: 'JAKE@example.com', password: 'whatever1' } };
      const res = await api.post('/api/users', json);

      expectProblem(res, 409);
      expect(errorMessages(res)).to.have.members([
        'email has already been taken',
        'username has already been taken',
      ]);
    });

    it("answers a missing field with 422 and the spec's errors.body", async () => {
      const res = await api.post('/api/users', {
        user: { username: 'jake', password: 'jakejake' },
      });

      const problem = expectProblem(res, 422);
      expect(errorMessages(res)).to.deep.equal(['/body/user/email is required']);
      expect(problem.fields).to.deep.equal([
        { pointer: '/body/user/email', reason: 'is required' },
      ]);
    });

    it('refuses a malformed email and a short password', async () => {
      const json = { user: { username: 'jake', email: 'not-an-email', password: 'short' } };
      const res = await api.post('/api/users', json);

      expectProblem(res, 422);
      const messages = errorMessages(res).join('\n');
      expect(messages).to.include('/body/user/email');
      expect(messages).to.include('/body/user/password');
    });
  });

  describe('POST /api/users/login', () => {
    it('logs in with the email, in any letter case, and the password', async () => {
      const jake = await api.register('jake');
      const json = { user: { email: jake.email.toUpperCase(), password: jake.password } };
      const res = await api.post('/api/users/login', json);

      expect(res.status).to.equal(200);
      expect(body(res).user.username).to.equal('jake');
      const me = await api.get('/api/user', body(res).user.token);
      expect(body(me).user.email).to.equal(jake.email);
    });

    it('answers 401, with one message, for a wrong password and an unknown email', async () => {
      const jake = await api.register('jake');
      const wrong = await api.post('/api/users/login', {
        user: { email: jake.email, password: 'nope' },
      });
      const unknown = await api.post('/api/users/login', {
        user: { email: 'nobody@example.com', password: jake.password },
      });

      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(errorMessages(wrong)).to.deep.equal(errorMessages(unknown));
    });
  });

  describe('GET /api/user', () => {
    it('answers the current user with the token it was called with', async () => {
      const jake = await api.register('jake');
      const res = await api.get('/api/user', jake.token);

      expect(res.status).to.equal(200);
      expect(body(res).user).to.include({ username: 'jake', email: jake.email, token: jake.token });
    });
  });

  describe('PUT /api/user', () => {
    it('changes bio and image and keeps the rest', async () => {
      const jake = await api.register('jake');
      const user = { bio: 'I work at statefarm', image: 'https://example.com/jake.png' };
      const res = await api.put('/api/user', { user }, jake.token);

      expect(res.status).to.equal(200);
      expect(body(res).user).to.include({ ...user, username: 'jake', email: jake.email });
      expect(body(await api.get('/api/user', jake.token)).user).to.include(user);
    });

    it('changes the password: the new one logs in, the old one no longer does', async () => {
      const jake = await api.register('jake');
      await api.put('/api/user', { user: { password: 'a-new-password' } }, jake.token);

      const old = await api.post('/api/users/login', {
        user: { email: jake.email, password: jake.password },
      });
      const renewed = await api.post('/api/users/login', {
        user: { email: jake.email, password: 'a-new-password' },
      });
      expect(old.status).to.equal(401);
      expect(renewed.status).to.equal(200);
    });

    it('refuses a username another user has with 409, and an empty change with 422', async () => {
      const jake = await api.register('jake');
      await api.register('anne');

      expectProblem(await api.put('/api/user', { user: { username: 'anne' } }, jake.token), 409);
      expectProblem(await api.put('/api/user', { user: {} }, jake.token), 422);
    });

    it('lets a user keep their own username and email', async () => {
      const jake = await api.register('jake');
      const res = await api.put(
        '/api/user',
        { user: { username: 'jake', email: jake.email } },
        jake.token,
      );
      expect(res.status, res.text).to.equal(200);
    });
  });
});
