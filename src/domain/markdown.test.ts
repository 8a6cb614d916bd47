import { describe, expect, it } from 'vitest';
import { type Inline, isSafeHref, linkify, parseInline, parseMarkdown } from './markdown.ts';

const text = (value: string): Inline => ({ kind: 'text', text: value });

describe('parseMarkdown', () => {
  it('reads what imported meeting notes hold: headings, bold speakers, lists, rules', () => {
    const blocks = parseMarkdown(
      [
        '### Tour de météo',
        '**A :** soleil, contente d’être là',
        '**B :** nuageux',
        '',
        '- relire le compte rendu',
        '- envoyer le lien',
        '',
        '1. Accueil',
        '2) Synthèse',
        '---',
        '> une citation',
      ].join('\n'),
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, children: [text('Tour de météo')] },
      {
        kind: 'paragraph',
        children: [
          { kind: 'strong', children: [text('A :')] },
          text(' soleil, contente d’être là'),
          { kind: 'break' },
          { kind: 'strong', children: [text('B :')] },
          text(' nuageux'),
        ],
      },
      {
        kind: 'list',
        isOrdered: false,
        items: [[text('relire le compte rendu')], [text('envoyer le lien')]],
      },
      { kind: 'list', isOrdered: true, items: [[text('Accueil')], [text('Synthèse')]] },
      { kind: 'rule' },
      { kind: 'quote', children: [text('une citation')] },
    ]);
  });

  it('keeps code blocks as written, marks included', () => {
    expect(parseMarkdown('```\n**pas gras**\n# pas un titre\n```')).toEqual([
      { kind: 'code', text: '**pas gras**\n# pas un titre' },
    ]);
  });

  it('drops a closing run of "#" from a heading', () => {
    expect(parseMarkdown('## Prochains pas ##')).toEqual([
      { kind: 'heading', level: 2, children: [text('Prochains pas')] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads [[wiki links]] to glossary entries, and leaves broken ones as text', () => {
    expect(parseInline('Voir [[Archipel]] et [[ Écoute ]].')).toEqual([
      { kind: 'text', text: 'Voir ' },
      { kind: 'wiki', term: 'Archipel' },
      { kind: 'text', text: ' et ' },
      { kind: 'wiki', term: 'Écoute' },
      { kind: 'text', text: '.' },
    ]);
    expect(parseInline('[[]] [[ ]] [[ouvert')).toEqual([{ kind: 'text', text: '[[]] [[ ]] [[ouvert' }]);
    expect(parseInline('[lien](https://example.org)')[0]).toMatchObject({ kind: 'link' });
  });

  it('reads emphasis, inline code and links', () => {
    expect(parseInline('*vite* et `code` et [le pad](https://pad.example/p)')).toEqual([
      { kind: 'em', children: [text('vite')] },
      text(' et '),
      { kind: 'code', text: 'code' },
      text(' et '),
      { kind: 'link', href: 'https://pad.example/p', children: [text('le pad')] },
    ]);
  });

  it('leaves unsafe links, unmatched marks and snake_case as text', () => {
    expect(parseInline('[clic](javascript:alert(1))')).toEqual([text('[clic](javascript:alert(1))')]);
    expect(parseInline('2 * 3 = 6 et **pas fermé')).toEqual([text('2 * 3 = 6 et **pas fermé')]);
    expect(parseInline('nom_de_fichier')).toEqual([text('nom_de_fichier')]);
    expect(isSafeHref('data:text/html,x')).toBe(false);
    expect(isSafeHref('mailto:anne@example.org')).toBe(true);
  });

  it('reads pathological inputs to the end, keeping every character', () => {
    for (const input of [
      '**'.repeat(50_000),
      '['.repeat(100_000),
      '[a]'.repeat(30_000),
      '*a'.repeat(50_000),
      '`'.repeat(100_000),
    ]) {
      const flat = (nodes: Inline[]): string =>
        nodes
          .map((node) => ('text' in node ? node.text : 'children' in node ? flat(node.children) : ''))
          .join('');
      expect(flat(parseInline(input)).length).toBeGreaterThan(0);
    }
    expect(parseMarkdown(`# ${' #'.repeat(100_000)}x`)).toHaveLength(1);
  });

  it('makes bare web addresses links, leaving sentence punctuation and link texts alone', () => {
    expect(parseInline('Inscrivez-vous ici : https://framadate.org/abc_d. Merci')).toEqual([
      text('Inscrivez-vous ici : '),
      { kind: 'link', href: 'https://framadate.org/abc_d', children: [text('https://framadate.org/abc_d')] },
      text('. Merci'),
    ]);
    expect(linkify('(voir https://fr.wikipedia.org/wiki/Cercle_(groupe)), puis')).toEqual([
      text('(voir '),
      {
        kind: 'link',
        href: 'https://fr.wikipedia.org/wiki/Cercle_(groupe)',
        children: [text('https://fr.wikipedia.org/wiki/Cercle_(groupe)')],
      },
      text('), puis'),
    ]);
    expect(parseInline('[le pad https://pad.example](https://pad.example/p)')).toEqual([
      { kind: 'link', href: 'https://pad.example/p', children: [text('le pad https://pad.example')] },
    ]);
    expect(linkify('javascript:alert(1) ftp://x.org https://')).toEqual([
      text('javascript:alert(1) ftp://x.org https://'),
    ]);
    expect(linkify('http://a.org'.repeat(20_000)).length).toBeGreaterThan(0);
  });
});
