import { expect } from 'chai';
import { body, expectProblem, useConduit } from './conduit-client.js';

describe('profiles', () => {
  const api = useConduit();

  it('answers a profile, not followed for anonymous callers', async () => {
    await api.register('celeb');
    const res = await api.get('/api/profiles/celeb');

    expect(res.status).to.equal(200);
    expect(body(res)).to.deep.equal({
      profile: { username: 'celeb', bio: '', image: '', following: false },
    });
  });

  it('answers 404 for a username nobody has', async () => {
    expectProblem(await api.get('/api/profiles/nobody'), 404);
  });

  it('follows and unfollows, and the profile says so to the follower only', async () => {
    await api.register('celeb');
    const fan = await api.register('fan');

    const follow = await api.post('/api/profiles/celeb/follow', undefined, fan.token);
    expect(follow.status).to.equal(200);
    expect(body(follow).profile).to.include({ username: 'celeb', following: true });
    expect(body(await api.get('/api/profiles/celeb', fan.token)).profile.following).to.equal(true);
    expect(body(await api.get('/api/profiles/celeb')).profile.following).to.equal(false);

    const unfollow = await api.delete('/api/profiles/celeb/follow', fan.token);
    expect(body(unfollow).profile.following).to.equal(false);
    expect(body(await api.get('/api/profiles/celeb', fan.token)).profile.following).to.equal(false);
  });

  it('following twice is the same as once', async () => {
    await api.register('celeb');
    const fan = await api.register('fan');
    await api.post('/api/profiles/celeb/follow', undefined, fan.token);
    const again = await api.post('/api/profiles/celeb/follow', undefined, fan.token);
    expect(body(again).profile.following).to.equal(true);
  });

  it('refuses to follow an unknown user (404) or oneself (422)', async () => {
    const fan = await api.register('fan');
    expectProblem(await api.post('/api/profiles/nobody/follow', undefined, fan.token), 404);
    expectProblem(await api.post('/api/profiles/fan/follow', undefined, fan.token), 422);
  });
});
