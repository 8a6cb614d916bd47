import { describe, expect, it } from 'vitest';
import { formatDate } from './date-format.ts';

const firstOfJanuary = new Date('2027-01-01T12:00:00Z');

describe('formatDate', () => {
  it('writes the first of the month "1er" in French, whatever the style', () => {
    expect(formatDate(firstOfJanuary, 'fr', { dateStyle: 'full', timeZone: 'UTC' })).toBe(
      'vendredi 1er janvier 2027',
    );
    expect(formatDate(firstOfJanuary, 'fr-FR', { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      '1er janvier 2027',
    );
    expect(
      formatDate(firstOfJanuary, 'fr-FR', {
        dateStyle: 'full',
        timeStyle: 'short',
        timeZone: 'Europe/Paris',
      }),
    ).toBe('vendredi 1er janvier 2027 à 13:00');
    expect(formatDate(firstOfJanuary, 'fr', { day: '2-digit', month: 'long', timeZone: 'UTC' })).toBe(
      '1er janvier',
    );
  });

  it('leaves the other days, numeric dates and other languages as Intl writes them', () => {
    expect(formatDate(new Date('2027-01-02T12:00:00Z'), 'fr', { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      '2 janvier 2027',
    );
    expect(formatDate(new Date('2027-01-11T12:00:00Z'), 'fr', { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      '11 janvier 2027',
    );
    expect(formatDate(firstOfJanuary, 'fr', { dateStyle: 'short', timeZone: 'UTC' })).toBe('01/01/2027');
    expect(formatDate(firstOfJanuary, 'en-GB', { dateStyle: 'long', timeZone: 'UTC' })).toBe(
      '1 January 2027',
    );
  });
});
