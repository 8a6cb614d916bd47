import { describe, expect, it } from 'vitest';
import en from './i18n/en.json' with { type: 'json' };
import fr from './i18n/fr.json' with { type: 'json' };
import { mailText } from './mail-i18n.ts';

function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'object' && value !== null
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)]],
  );
}
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{(\w+)/g)]
    .map((m) => m[1])
    .sort()
    .join(',');

describe('the mail catalogue', () => {
  it('has exactly the French keys in English', () => {
    expect(
      leaves(en)
        .map(([key]) => key)
        .sort(),
    ).toEqual(
      leaves(fr)
        .map(([key]) => key)
        .sort(),
    );
  });

  it('uses the same placeholders in both languages', () => {
    const french = new Map(leaves(fr));
    for (const [key, text] of leaves(en)) {
      expect({ key, names: placeholders(text) }).toEqual({ key, names: placeholders(french.get(key) ?? '') });
    }
  });

  it('has no empty text', () => {
    for (const [, text] of [...leaves(fr), ...leaves(en)]) expect(text.trim()).not.toBe('');
  });

  it('inserts what people typed as it is, never as i18next syntax', () => {
    const title = '$t(hello) {{name}} <b>';
    expect(mailText('fr')('actionDue.subject', { actionTitle: title })).toBe(
      `À faire pour demain : ${title}`,
    );
  });
});
