import { slugify } from '../../../domain/community.ts';

/** The name and slug of a community being created, and whether the slug was typed by hand. */
export interface NameAndSlug {
  name: string;
  slug: string;
  isSlugEdited: boolean;
}

export type NameAndSlugEvent = { type: 'name'; value: string } | { type: 'slug'; value: string };

/**
 * The slug follows the name until the person types their own; clearing the slug field hands it
 * back to the suggestion. Typed slugs are tidied only as far as a URL needs (lowercase, no
 * spaces), so the cursor does not jump while typing.
 */
export function nameAndSlugReducer(state: NameAndSlug, event: NameAndSlugEvent): NameAndSlug {
  if (event.type === 'name') {
    return { ...state, name: event.value, slug: state.isSlugEdited ? state.slug : slugify(event.value) };
  }
  const slug = event.value.toLowerCase().replace(/\s+/g, '-');
  if (slug === '') return { ...state, slug: slugify(state.name), isSlugEdited: false };
  return { ...state, slug, isSlugEdited: true };
}
