import { Injectable } from '@fastjson-api/core';
import type { ProfileRecord } from '../data/types.js';
import { UserRepository } from '../data/user-repository.js';
import { notFound, unprocessable } from '../http/errors.js';

/** Profiles and who follows whom. */
@Injectable()
export class ProfileService {
  constructor(private readonly users: UserRepository) {}

  /** The profile of `username` as `viewerId` sees it; 404 when nobody has that name. */
  get(username: string, viewerId: number | undefined): ProfileRecord {
    const profile = this.users.profile(username, viewerId);
    if (!profile) throw notFound(`No user is called '${username}'.`);
    return profile;
  }

  follow(followerId: number, username: string): ProfileRecord {
    const profile = this.get(username, followerId);
    if (profile.id === followerId) throw unprocessable('You cannot follow yourself.');
    this.users.follow(followerId, profile.id);
    return { ...profile, following: true };
  }

  unfollow(followerId: number, username: string): ProfileRecord {
    const profile = this.get(username, followerId);
    this.users.unfollow(followerId, profile.id);
    return { ...profile, following: false };
  }
}
