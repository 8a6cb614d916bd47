import { z } from 'zod';
import { communityMemberStatuses, communityRoles, isValidSlug, joinPolicies } from '../domain/community.ts';
import { DEFAULT_TIME_ZONE } from '../domain/zoned-time.ts';
import { abilitiesSchema } from './abilities.ts';
import { optionalBody } from './optional-body.ts';
import { territoryCodesSchema } from './territory.ts';
import { timeZone } from './time.ts';
import { publicUserSchema } from './user.ts';

export const slugSchema = z
  .string()
  .trim()
  .refine(isValidSlug, 'lowercase letters, digits and single hyphens, 3 to 64 characters');

/** Editable fields, without defaults: a default here would silently reset fields on every PATCH. */
const communityFields = {
  name: z.string().trim().min(2).max(120),
  description: z.string().trim().max(4000),
  charter: z.string().trim().max(20000),
  joinPolicy: z.enum(joinPolicies),
  /** Where its reminders and digests go out at a local hour, and in which zone its mails print dates. */
  timeZone,
};

export const communityCreateSchema = z
  .object({
    ...communityFields,
    slug: slugSchema,
    description: communityFields.description.optional(),
    charter: communityFields.charter.optional(),
    joinPolicy: communityFields.joinPolicy.default('open'),
    timeZone: communityFields.timeZone.default(DEFAULT_TIME_ZONE),
    /** Creates a territorial branch of this community (its animators and instance admins only). */
    parentSlug: z.string().trim().max(64).optional(),
  })
  .strict();
export type CommunityCreateInput = z.infer<typeof communityCreateSchema>;

export const communityPatchSchema = z
  .object({ ...communityFields, territoryCodes: territoryCodesSchema })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
export type CommunityPatch = z.output<typeof communityPatchSchema>;

export const communitySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    charter: z.string(),
    joinPolicy: z.enum(joinPolicies),
    timeZone: z.string(),
    memberCount: z.number().int(),
    circleCount: z.number().int(),
    myRole: z.enum(communityRoles).nullable(),
    myStatus: z.enum(communityMemberStatuses).nullable(),
    abilities: abilitiesSchema,
    /** Régions ("R75") and départements ("33") where it works; none: a national community. */
    territoryCodes: z.array(z.string()),
    createdAt: z.string(),
    /**
     * The community this one is a territorial branch of (decision 035), and the viewer's status
     * there: an active member joins a branch on request in one step.
     */
    parent: z
      .object({ slug: z.string(), name: z.string(), myStatus: z.enum(communityMemberStatuses).nullable() })
      .optional(),
  })
  .meta({ id: 'Community' });
export type Community = z.infer<typeof communitySchema>;

export const communityJoinSchema = optionalBody(
  z.object({ inviteCode: z.string().max(200).optional() }).strict(),
);
export const communityJoinResultSchema = z.object({ status: z.enum(communityMemberStatuses) });

export const communityMemberSchema = publicUserSchema
  .extend({ role: z.enum(communityRoles), status: z.enum(communityMemberStatuses), joinedAt: z.string() })
  .meta({ id: 'CommunityMember' });
export type CommunityMember = z.infer<typeof communityMemberSchema>;

export const communityMemberPatchSchema = z
  .object({ role: z.enum(communityRoles), status: z.literal('active') })
  .partial()
  .strict();

export const inviteLinkSchema = z.object({ code: z.string(), url: z.string() });

/**
 * One territorial branch as its parent's page lists it. `joinsInOneStep`: the viewer, an active
 * member of the parent, would become a member at once (their membership there stands for the
 * approval the branch asks for; never past an invitation-only branch).
 */
export const communityBranchSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    joinPolicy: z.enum(joinPolicies),
    memberCount: z.number().int(),
    myStatus: z.enum(communityMemberStatuses).nullable(),
    joinsInOneStep: z.boolean(),
  })
  .meta({ id: 'CommunityBranch' });
export type CommunityBranch = z.infer<typeof communityBranchSchema>;
