import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Who may find a document, written into the search query (features/search/search-visibility.ts),
 * each the `read` of the policy of the object it stands for (domain/policy.ts):
 * - `everyone`: anyone who sees the community (a public event, a published glossary entry);
 * - `community`: the community's active members and instance admins;
 * - `circle`: whoever may know the circle exists;
 * - `circle-content`: what is said in the circle (with its session's listed people);
 * - `board`: the circle's members and stewards only, even in a public circle.
 */
export type SearchAudience = 'everyone' | 'community' | 'circle' | 'circle-content' | 'board';

/** A document as a source reads it: its text, where it lives and who may find it. */
export interface SearchDocument {
  objectId: string;
  communityId: string;
  circleId: string | null;
  sessionId: string | null;
  ownerId: string | null;
  audience: SearchAudience;
  title: string;
  body: string;
  url: string;
  date: string | null;
}

/**
 * One kind of searchable object, declared by the feature that owns it (FeatureDescriptor.search).
 * `load` reads the current state of the given objects; an id it does not return no longer exists
 * (or is no longer searchable) and leaves the index. `allIds` pages through every object, for
 * `archipel reindex`.
 */
export interface SearchSource {
  kind: string;
  load(db: Kysely<DB>, ids: readonly string[]): Promise<SearchDocument[]>;
  allIds(db: Kysely<DB>, after: string | null, limit: number): Promise<string[]>;
}
