import { describe, expect, it } from 'vitest';
import { anonymous, can, type Standing } from './policy.ts';

const person = (over: Partial<Standing>): Standing => ({ ...anonymous, userId: 'me', ...over });
const circle = (visibility: 'public' | 'community' | 'private') => ({ kind: 'circle' as const, visibility });

describe('circle policy: read', () => {
  it('shows public circles to everyone, anonymous visitors included', () => {
    expect(can(anonymous, 'read', circle('public'))).toBe(true);
  });

  it('shows community circles to the community and to instance admins only', () => {
    expect(can(person({}), 'read', circle('community'))).toBe(false);
    expect(can(person({ community: 'member' }), 'read', circle('community'))).toBe(true);
    expect(can(person({ instanceAdmin: true }), 'read', circle('community'))).toBe(true);
  });

  it('shows private circles to people with a standing in them, not to admins or animators', () => {
    expect(can(person({ circle: 'waitlisted' }), 'read', circle('private'))).toBe(true);
    expect(can(person({ community: 'animator' }), 'read', circle('private'))).toBe(false);
    expect(can(person({ instanceAdmin: true }), 'read', circle('private'))).toBe(false);
  });
});

describe('content policies', () => {
  it('keeps a private circle’s sessions from waitlisted people, unless listed on the session', () => {
    const session = { kind: 'session' as const, visibility: 'private' as const, isListed: false };
    expect(can(person({ circle: 'waitlisted' }), 'read', session)).toBe(false);
    expect(can(person({ circle: 'waitlisted' }), 'read', { ...session, isListed: true })).toBe(true);
  });

  it('lets a poll’s creator steer it while a member, not after leaving', () => {
    const poll = { kind: 'circlePoll' as const, visibility: 'public' as const, createdBy: 'me' };
    expect(can(person({ circle: 'member' }), 'steer', poll)).toBe(true);
    expect(can(person({}), 'steer', poll)).toBe(false);
  });

  it('keeps boards for members and stewards, even in a public circle', () => {
    const board = { kind: 'board' as const, visibility: 'public' as const, createdBy: null };
    expect(can(person({ community: 'member' }), 'read', board)).toBe(false);
    expect(can(person({ community: 'animator' }), 'read', board)).toBe(true);
  });

  it('never lets an anonymous visitor take part', () => {
    const sheet = { kind: 'signupSheet' as const, visibility: 'public' as const, createdBy: null };
    expect(can(anonymous, 'read', sheet)).toBe(true);
    expect(can(anonymous, 'takePart', sheet)).toBe(false);
  });
});

describe('learning designs and branches', () => {
  it('lets a branch’s members read the parent’s designs, without writing or planning there', () => {
    const design = { kind: 'learningDesign' as const, createdBy: null };
    expect(can(person({}), 'read', design)).toBe(false);
    expect(can(person({ branch: 'member' }), 'read', design)).toBe(true);
    expect(can(person({ branch: 'member' }), 'takePart', design)).toBe(false);
    expect(can(person({ branch: 'member' }), 'steer', { ...design, createdBy: 'me' })).toBe(false);
  });
});
