/**
 * The security-relevant events an instance keeps in its audit log (issue 15): who did what, when,
 * from which address. An entry never holds a password, a secret link or a person's e-mail or name:
 * people are named by their opaque id, and the admin console joins their current name while the
 * account exists.
 */
export const auditKinds = [
  // Signing in and out.
  'auth.sign-in',
  'auth.sign-in-failed',
  'auth.sign-up',
  'auth.password-reset',
  'auth.sign-out-everywhere',
  'auth.oidc-sign-in',
  'auth.oidc-refused',
  'auth.oidc-linked',
  // A person's data.
  'account.export',
  'account.delete',
  'account.inactive-warned',
  'account.inactive-deleted',
  // Roles in communities and circles.
  'role.change',
  // Secret links and feeds.
  'link.rotate',
  'feed.rotate',
  // Instance admins.
  'admin.user-disable',
  'admin.user-enable',
  'admin.user-grant-admin',
  'admin.user-revoke-admin',
  'admin.user-sign-out',
  'admin.community-transfer',
  'admin.community-archive',
  'admin.community-unarchive',
  'admin.job-retry',
  'admin.settings',
  'admin.backup',
  'admin.restore',
] as const;

export type AuditKind = (typeof auditKinds)[number];

/** Where the kinds are grouped in the console's filter (the part before the dot). */
export function auditGroup(kind: AuditKind): string {
  return kind.slice(0, kind.indexOf('.'));
}

/** Days an entry is kept when AUDIT_RETENTION_DAYS is unset (the CNIL's usual year for logs). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** Longest subject and detail texts kept (they are labels and reasons, never documents). */
export const AUDIT_TEXT_MAX = 200;
