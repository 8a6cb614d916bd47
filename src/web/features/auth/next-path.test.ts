import { describe, expect, it } from 'vitest';
import { safeNextPath, signInPath } from './next-path.ts';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/join/riposte?code=abc')).toBe('/join/riposte?code=abc');
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['absolute URL', 'https://evil.example/'],
    ['protocol-relative', '//evil.example/'],
    ['backslash trick', '/\\evil.example'],
    ['tab inside', '/\t/evil.example'],
    ['relative', 'profile'],
  ])('falls back for %s', (_label, next) => {
    expect(safeNextPath(next, '/home')).toBe('/home');
  });
});

describe('signInPath', () => {
  it('round-trips the current location through next', () => {
    const link = signInPath('/join/riposte?code=a&b');
    const next = new URL(link, 'https://archipel.test').searchParams.get('next');
    expect(safeNextPath(next)).toBe('/join/riposte?code=a&b');
  });

  it('needs no next for the home page', () => {
    expect(signInPath('/', 'sign-up')).toBe('/sign-up');
  });
});
