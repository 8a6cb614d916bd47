import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { pruneAuditLog } from './audit.queries.ts';
import { auditEvents } from './migrations/2026-12-04-0031-audit-events.ts';
import './audit.tables.ts';

/**
 * The audit log of security-relevant events (issue 15). Other features record through
 * audit.public.ts; the admin console reads it. Entries older than AUDIT_RETENTION_DAYS go on the tick.
 */
export const auditFeature: FeatureDescriptor = {
  name: 'audit',
  migrations: (dialect) => ({ '2026-12-04-0031-audit-events': auditEvents(dialect) }),
  onTick: async (db, now, { env }) => {
    await pruneAuditLog(db, now, env.AUDIT_RETENTION_DAYS);
  },
};
