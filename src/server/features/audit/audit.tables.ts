import type { AuditKind } from '../../../domain/audit.ts';

/** One entry of the audit log (see domain/audit.ts for what it may hold). */
export interface AuditEventsTable {
  id: string;
  at: string | Date;
  kind: AuditKind;
  /** The person who acted, when signed in (or the account a failed sign-in aimed at). */
  actorId: string | null;
  /** What was acted on: 'user', 'community', 'circle', 'settings', … */
  subjectKind: string | null;
  subjectId: string | null;
  /** The client address, as resolved under TRUST_PROXY. */
  ip: string | null;
  /** A short reason or label (≤ 200 characters), never a secret, an e-mail or a name. */
  detail: string | null;
}

declare module '../../db/schema.ts' {
  interface DB {
    auditEvents: AuditEventsTable;
  }
}
