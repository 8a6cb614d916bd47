import { z } from 'zod';
import { emailSchema } from './user.ts';

/** A claim link's secret: 32 bytes in base64url. */
export const claimTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation link');

/** The pending invitation to claim a placeholder, as its stewards see it. */
export const placeholderInvitationSchema = z.object({
  email: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The link itself, to copy and pass on by hand (stewards only). */
  url: z.string(),
});

/** A person written into the community's data without an account, waiting to be claimed. */
export const placeholderSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Circles of the community where they hold a standing. */
    circles: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
    /** Next steps they own and sessions they took part in, in this community. */
    actionCount: z.number().int(),
    sessionCount: z.number().int(),
    invitation: placeholderInvitationSchema.nullable(),
  })
  .meta({ id: 'Placeholder' });
export type Placeholder = z.infer<typeof placeholderSchema>;

export const placeholderInviteSchema = z.object({ email: emailSchema }).strict();
export type PlaceholderInviteInput = z.infer<typeof placeholderInviteSchema>;

export const claimStates = ['pending', 'accepted', 'expired', 'revoked'] as const;
export type ClaimState = (typeof claimStates)[number];

/** What the invited person sees before accepting. */
export const claimPreviewSchema = z
  .object({
    placeholderName: z.string(),
    communityName: z.string(),
    communitySlug: z.string(),
    invitedByName: z.string().nullable(),
    email: z.string(),
    expiresAt: z.string(),
    state: z.enum(claimStates),
  })
  .meta({ id: 'ClaimPreview' });
export type ClaimPreview = z.infer<typeof claimPreviewSchema>;

export const claimResultSchema = z
  .object({
    communitySlug: z.string(),
    placeholderName: z.string(),
    /** What now points at the account. */
    actionCount: z.number().int(),
    sessionCount: z.number().int(),
    circleCount: z.number().int(),
  })
  .meta({ id: 'ClaimResult' });
export type ClaimResult = z.infer<typeof claimResultSchema>;

/** Naming someone animator of a community, or facilitator of a circle. */
export const appointSchema = z.object({ userId: z.string().min(1).max(100) }).strict();
