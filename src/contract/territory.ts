import { z } from 'zod';
import {
  isTerritoryCode,
  MAX_TERRITORIES,
  sortTerritoryCodes,
  territoryKinds,
} from '../domain/territories.ts';

export const territorySchema = z
  .object({
    /** The key: a département's official code ("33", "2A", "971"), a région's behind an R ("R75"). */
    code: z.string(),
    /** The bare official code of the Code officiel géographique. */
    inseeCode: z.string(),
    name: z.string(),
    kind: z.enum(territoryKinds),
    /** A département's région, by key. */
    parentCode: z.string().optional(),
  })
  .meta({ id: 'Territory' });
export type TerritoryDto = z.infer<typeof territorySchema>;

export const territoryListSchema = z.object({ items: z.array(territorySchema) });

/**
 * The territories of a circle, community, event or profile: known keys only (an unknown one is a
 * 400 naming it), duplicates removed, in catalogue order. An empty list means "national".
 */
export const territoryCodesSchema = z
  .array(z.string().trim().max(8))
  .max(MAX_TERRITORIES * 2)
  .superRefine((codes, ctx) => {
    codes.forEach((code, index) => {
      if (!isTerritoryCode(code)) {
        ctx.addIssue({ code: 'custom', path: [index], message: `unknown territory code "${code}"` });
      }
    });
  })
  .transform((codes) => sortTerritoryCodes(codes))
  .refine((codes) => codes.length <= MAX_TERRITORIES, `at most ${MAX_TERRITORIES} territories`);

/**
 * One territory of a community's map. A département counts what is linked to it; a région counts
 * what is linked to it or to any of its départements (each circle or person once), and `ownCircles`
 * / `ownMembers` what is linked to the région itself.
 */
export const territoryMapEntrySchema = z.object({
  code: z.string(),
  /** Circles of the community that the viewer may see. */
  circles: z.number().int(),
  /** Active members whose profile names the territory; null for a viewer outside the community. */
  members: z.number().int().nullable(),
  /** Territorial branches of the community placed there (a région counts its départements'). */
  branches: z.number().int(),
  ownCircles: z.number().int().optional(),
  ownMembers: z.number().int().nullable().optional(),
});
export type TerritoryMapEntry = z.infer<typeof territoryMapEntrySchema>;

export const communityMapSchema = z
  .object({
    /** The community's own territories: none means it is national. */
    communityCodes: z.array(z.string()),
    /** Whether member counts are shown (to the community's members only). */
    showsMembers: z.boolean(),
    items: z.array(territoryMapEntrySchema),
    /** The community's territorial branches, with where each is (none: not placed). */
    branches: z.array(z.object({ slug: z.string(), name: z.string(), territoryCodes: z.array(z.string()) })),
  })
  .meta({ id: 'CommunityMap' });
export type CommunityMap = z.infer<typeof communityMapSchema>;
