import { describe, expect, it } from 'vitest';
import { localeOfAcceptLanguage } from './request-locale.ts';

describe('the language of a request', () => {
  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['de-DE,en;q=0.5,fr;q=0.4', 'en'],
    ['de', 'fr'],
    ['', 'fr'],
    ['*', 'fr'],
    ['en;q=0,fr;q=0', 'fr'],
    [';;;,,,q=', 'fr'],
  ])('%j is answered in %s', (header, locale) => {
    expect(localeOfAcceptLanguage(header)).toBe(locale);
  });
});
