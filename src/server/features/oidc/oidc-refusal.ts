import type { SsoErrorKind } from '../../../contract/sign-in-providers.ts';

/**
 * A sign-in Archipel refuses. `reason` goes to the audit log (fixed words and error codes only,
 * never a token or a claim's value); `kind` is what the person is told (`/sign-in?sso=<kind>`).
 */
export class OidcRefusal extends Error {
  readonly reason: string;
  readonly kind: SsoErrorKind;
  /** The account concerned, when one is known. */
  readonly actorId: string | null;

  constructor(
    reason: string,
    kind: SsoErrorKind = 'refused',
    options: { cause?: unknown; actorId?: string } = {},
  ) {
    super(reason, { cause: options.cause });
    this.reason = reason;
    this.kind = kind;
    this.actorId = options.actorId ?? null;
  }
}
