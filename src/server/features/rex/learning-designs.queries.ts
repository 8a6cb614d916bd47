import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { LearningDesign, LearningDesignSummary } from '../../../contract/learning-design.ts';
import { totalMinutes } from '../../../domain/learning-design.ts';
import { type Abilities, abilitiesOn, type Standing } from '../../../domain/policy.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import { resolveCommunityStanding } from '../../policy/standing.ts';
import { sharingCommunities } from '../../policy/visibility.ts';
import type { LearningDesignsTable } from './rex.tables.ts';

export type DesignRow = Selectable<LearningDesignsTable>;
export interface DesignCommunity {
  id: string;
  slug: string;
}

export interface StoredSequence {
  title: string;
  minutes: number;
  method: string;
  materials: string;
  lead: string;
}

const objectivesJson = z.array(z.string()).catch([]);
const sequencesJson = z
  .array(
    z.object({
      title: z.string(),
      minutes: z.number().int(),
      method: z.string().catch(''),
      materials: z.string().catch(''),
      lead: z.string().catch(''),
    }),
  )
  .catch([]);
/** A JSON column read defensively: a damaged value shows as empty rather than failing the page. */
function parseJson<T>(schema: z.ZodType<T>, json: string): T {
  try {
    return schema.parse(JSON.parse(json));
  } catch {
    return schema.parse(undefined);
  }
}
export const readObjectives = (json: string) => parseJson(objectivesJson, json);
export const readSequences = (json: string): StoredSequence[] => parseJson(sequencesJson, json);

/** The library as a whole: read by the community's members, written by them (the policy's design). */
export function libraryAbilities(standing: Standing): Abilities {
  return abilitiesOn(standing, { kind: 'learningDesign', createdBy: null });
}

/** The community of a library and the viewer's standing there (404 if there is no such community). */
export async function designCommunity(db: Kysely<DB>, slug: string, viewer: Viewer | undefined) {
  const community = await db
    .selectFrom('communities')
    .select(['id', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!community) throw notFound('Community');
  return { community, standing: await resolveCommunityStanding(db, community.id, viewer) };
}

export interface DesignAccess {
  design: DesignRow;
  community: DesignCommunity;
  abilities: Abilities;
}

/** A design as the viewer may see it, with what they may do on it; 404 when they may not read it. */
export async function getDesignAccess(
  db: Kysely<DB>,
  designId: string,
  viewer: Viewer | undefined,
): Promise<DesignAccess> {
  const found = await db
    .selectFrom('learningDesigns as d')
    .innerJoin('communities as co', 'co.id', 'd.communityId')
    .selectAll('d')
    .select('co.slug as communitySlug')
    .where('d.id', '=', designId)
    .executeTakeFirst();
  if (!found) throw notFound('Learning design');
  const { communitySlug, ...design } = found;
  const standing = await resolveCommunityStanding(db, design.communityId, viewer);
  const abilities = abilitiesOn(standing, { kind: 'learningDesign', createdBy: design.createdBy });
  if (!abilities.read) throw notFound('Learning design');
  return { design, community: { id: design.communityId, slug: communitySlug }, abilities };
}

function toSummary(row: DesignRow, libraryId = row.communityId): LearningDesignSummary {
  const sequences = readSequences(row.sequences);
  return {
    fromParent: row.communityId !== libraryId,
    id: row.id,
    communityId: row.communityId,
    title: row.title,
    audience: row.audience,
    sequenceCount: sequences.length,
    totalMinutes: totalMinutes(sequences),
    updatedAt: toIso(row.updatedAt),
  };
}

/** The whole design, as its page shows it. */
export async function designDetail(db: Kysely<DB>, access: DesignAccess): Promise<LearningDesign> {
  const { design, community, abilities } = access;
  const author = design.createdBy
    ? await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', '=', design.createdBy)
        .executeTakeFirst()
    : undefined;
  return {
    ...toSummary(design),
    communitySlug: community.slug,
    objectives: readObjectives(design.objectives),
    sequences: readSequences(design.sequences),
    createdBy: author ?? null,
    createdAt: toIso(design.createdAt),
    abilities,
  };
}

const designOrder: Keyset<DesignRow> = {
  list: 'learning-designs',
  keys: [{ expr: 'd.title', kind: 'text' }],
  id: 'd.id',
  of: (row) => ({ keys: [row.title], id: row.id }),
};

/**
 * One page of a community's library, by title; a branch's library also lists its parent's designs
 * (marked `fromParent`): the parent shares its craft with its branches (decision 035).
 */
export async function listDesigns(db: Kysely<DB>, community: DesignCommunity, page: PageRequest) {
  const query = db
    .selectFrom('learningDesigns as d')
    .selectAll('d')
    .where('d.communityId', 'in', sharingCommunities(db, community.id));
  const rows = await pageQuery(query, designOrder, page).execute();
  const { items, nextCursor } = toPage(rows, designOrder, page);
  return { items: items.map((row) => toSummary(row, community.id)), nextCursor };
}
