import { z } from 'zod';
import { auditKinds } from '../domain/audit.ts';
import { pageQuerySchema } from './list.ts';

export const outboxMessageSchema = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    /** Secret links (unsubscribe, a poll's share link) appear as `[redacted]`. */
    text: z.string(),
    /**
     * An account mail (sign-in, password reset, address check): its content belongs to its
     * recipient alone and was not kept; `text` is empty.
     */
    withheld: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['sqlite', 'postgres']),
  /** `redis-unreachable`: live events are paused until Redis answers (clients then refetch). */
  live: z.enum(['in-process', 'redis', 'redis-unreachable']),
  version: z.string(),
});

// ---- The admin console (issue 15): people, communities, jobs, the audit log. ----

const id = z.string().min(1).max(100);

/** Search text: a part of a name or an e-mail address. */
export const adminUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional().describe('Part of a name or an e-mail address'),
  accounts: z
    .literal('only')
    .optional()
    .describe('`only`: leave out placeholders (people without an account, who cannot be given a role)'),
});

export const adminUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    isAdmin: z.boolean(),
    disabled: z.boolean(),
    /** A person written into the data without an account (demo, imports): nothing to disable. */
    isPlaceholder: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminUser' });
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserPatchSchema = z
  .object({
    disabled: z.boolean().optional().describe('Disabled: cannot sign in by any means; sessions end'),
    admin: z.boolean().optional().describe('Instance admin'),
  })
  .strict()
  .refine((patch) => patch.disabled !== undefined || patch.admin !== undefined, {
    message: 'Give disabled or admin',
  });
export type AdminUserPatch = z.infer<typeof adminUserPatchSchema>;

export const adminCommunitySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    memberCount: z.number().int(),
    animators: z.array(z.object({ id: z.string(), name: z.string() })),
    archived: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'AdminCommunity' });
export type AdminCommunity = z.infer<typeof adminCommunitySchema>;

export const adminCommunitiesQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional().describe('Part of the name'),
});

export const communityTransferSchema = z
  .object({
    userId: id.describe('The account that becomes animator of the community'),
    demoteOthers: z
      .boolean()
      .default(false)
      .describe('The other animators become members (the community changes hands)'),
  })
  .strict();

export const adminCommunityPatchSchema = z.object({ archived: z.boolean() }).strict();

export const auditQuerySchema = pageQuerySchema.extend({
  kind: z.enum(auditKinds).optional(),
  actor: id.optional().describe('The acting account’s id'),
  from: z.iso.datetime({ offset: true }).optional().describe('From this instant (included)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Until this instant (excluded)'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
export const auditCsvQuerySchema = auditQuerySchema.omit({ cursor: true, limit: true });

export const auditItemSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.enum(auditKinds),
    /** The actor; `name` while the account exists, only the opaque id once it is deleted. */
    actor: z.object({ id: z.string(), name: z.string().nullable() }).optional(),
    subject: z.object({ kind: z.string(), id: z.string() }).optional(),
    ip: z.string().optional(),
    detail: z.string().optional(),
  })
  .meta({ id: 'AuditItem' });
export type AuditItem = z.infer<typeof auditItemSchema>;
