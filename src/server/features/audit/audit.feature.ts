import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { auditEvents } from './migrations/2026-12-04-0031-audit-events.ts';
import './audit.tables.ts';

/**
 * The audit log of security-relevant events (issue 15). Other features record through
 * audit.public.ts; the admin console reads it.
 */
export const auditFeature: FeatureDescriptor = {
  name: 'audit',
  migrations: (dialect) => ({ '2026-12-04-0031-audit-events': auditEvents(dialect) }),
};
