/**
 * The category a new post-it goes to: the one picked if the legend still has it, else the first.
 * The legend may be renewed while the page is open; a removed pick must not become a 400.
 */
export function categoryChoice(categories: readonly { id: string }[], picked: string): string | null {
  if (categories.some((category) => category.id === picked)) return picked;
  return categories[0]?.id ?? null;
}
