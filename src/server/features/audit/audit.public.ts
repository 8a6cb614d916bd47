import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AUDIT_TEXT_MAX, type AuditKind } from '../../../domain/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Env } from '../../env.ts';
import './audit.tables.ts';

export interface AuditEntry {
  kind: AuditKind;
  actorId?: string | null;
  subject?: { kind: string; id: string } | null;
  ip?: string | null;
  /** A short reason or label: never a password, a secret link, an e-mail or a person's name. */
  detail?: string | null;
}

/** Who acts, as an entry keeps it: passed down to the commands whose changes are audited. */
export interface AuditActor {
  actorId: string;
  ip: string | null;
}

/** A role given or taken in a community or a circle: whose role (an id) and the new role. */
export function recordRoleChange(
  trx: Kysely<DB>,
  actor: AuditActor,
  scope: { kind: 'community' | 'circle'; id: string },
  change: { userId: string; role: string },
): Promise<void> {
  return recordAudit(trx, {
    kind: 'role.change',
    actorId: actor.actorId,
    ip: actor.ip,
    subject: scope,
    detail: `${change.userId} → ${change.role}`,
  });
}

/**
 * Records one audit entry. Pass the transaction that does the audited change, so that the entry
 * exists exactly when the change does; a refused attempt (a failed sign-in) has none and passes
 * the database itself.
 */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry, now = new Date()): Promise<void> {
  await db
    .insertInto('auditEvents')
    .values({
      id: randomUUID(),
      at: now.toISOString(),
      kind: entry.kind,
      actorId: entry.actorId ?? null,
      subjectKind: entry.subject?.kind ?? null,
      subjectId: entry.subject?.id ?? null,
      ip: entry.ip ?? null,
      detail: entry.detail == null ? null : entry.detail.slice(0, AUDIT_TEXT_MAX),
    })
    .execute();
}

/** The client's address as the audit log keeps it: the proxy's word only behind TRUST_PROXY. */
export function auditIp(request: FastifyRequest, env: Pick<Env, 'TRUST_PROXY'>): string | null {
  return (env.TRUST_PROXY ? request.ip : request.socket.remoteAddress) ?? null;
}

export { type AuditFilter, allAuditEvents, auditScope, listAuditEvents } from './audit.queries.ts';
