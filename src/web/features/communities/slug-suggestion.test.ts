import { describe, expect, it } from 'vitest';
import { type NameAndSlug, nameAndSlugReducer } from './slug-suggestion.ts';

const empty: NameAndSlug = { name: '', slug: '', isSlugEdited: false };

function typeName(state: NameAndSlug, name: string): NameAndSlug {
  return nameAndSlugReducer(state, { type: 'name', value: name });
}

describe('nameAndSlugReducer', () => {
  it('suggests a URL-safe slug from a French name', () => {
    const state = typeName(empty, 'Riposte créative territoriale');
    expect(state.slug).toBe('riposte-creative-territoriale');
  });

  it('stops following the name once the slug is typed by hand', () => {
    let state = typeName(empty, 'Riposte Gironde');
    state = nameAndSlugReducer(state, { type: 'slug', value: 'rct-33' });
    state = typeName(state, 'Riposte créative Gironde');
    expect(state).toEqual({ name: 'Riposte créative Gironde', slug: 'rct-33', isSlugEdited: true });
  });

  it('goes back to the suggestion when the slug is cleared', () => {
    let state = nameAndSlugReducer(typeName(empty, 'Cercle des boussoles'), { type: 'slug', value: 'x' });
    state = nameAndSlugReducer(state, { type: 'slug', value: '' });
    expect(state.slug).toBe('cercle-des-boussoles');
    expect(typeName(state, 'Cercle des Boussoles 2').slug).toBe('cercle-des-boussoles-2');
  });

  it('lowercases a typed slug and turns spaces into hyphens', () => {
    const state = nameAndSlugReducer(empty, { type: 'slug', value: 'Mon Espace' });
    expect(state.slug).toBe('mon-espace');
  });
});
