import type { ColumnType, Selectable } from 'kysely';
import type {
  CircleJoinPolicy,
  CircleKind,
  CircleMemberStatus,
  CircleMethod,
  CircleRole,
  CircleStatus,
  CircleVisibility,
} from '../../domain/circle.ts';
import type { CommunityMemberStatus, CommunityRole, JoinPolicy } from '../../domain/community.ts';

/** PostgreSQL returns timestamptz as Date, SQLite keeps ISO text: both accept ISO text on write. */
export type Timestamp = ColumnType<Date | string, string, string>;
/** SQLite has no boolean: 0/1 there, true/false on PostgreSQL. */
export type Flag = ColumnType<boolean | number, boolean, boolean>;

export interface UsersTable {
  id: string;
  name: string;
  email: string;
  emailVerified: Flag;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  organisation: string | null;
  territory: string | null;
  bio: string | null;
  locale: ColumnType<string, string | undefined, string>;
  isAdmin: ColumnType<boolean | number, boolean | undefined, boolean>;
}

export interface AuthSessionsTable {
  id: string;
  userId: string;
  token: string;
  expiresAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuthAccountsTable {
  id: string;
  userId: string;
  accountId: string;
  providerId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Timestamp | null;
  refreshTokenExpiresAt: Timestamp | null;
  scope: string | null;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface AuthVerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

export interface OutboxMessagesTable {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  createdAt: Timestamp;
}

export interface CommunitiesTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  charter: string;
  joinPolicy: JoinPolicy;
  inviteCode: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CommunityMembersTable {
  communityId: string;
  userId: string;
  role: CommunityRole;
  status: CommunityMemberStatus;
  createdAt: Timestamp;
}

export interface CirclesTable {
  id: string;
  communityId: string;
  name: string;
  kind: CircleKind;
  method: CircleMethod | null;
  description: string;
  intention: string;
  capacity: number | null;
  visibility: CircleVisibility;
  status: CircleStatus;
  joinPolicy: CircleJoinPolicy;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CircleMembersTable {
  circleId: string;
  userId: string;
  role: CircleRole;
  status: CircleMemberStatus;
  /** Arrival order within the circle: the waitlist is promoted in this order. */
  position: number;
  createdAt: Timestamp;
}

export interface DB {
  users: UsersTable;
  authSessions: AuthSessionsTable;
  authAccounts: AuthAccountsTable;
  authVerifications: AuthVerificationsTable;
  instanceSettings: InstanceSettingsTable;
  outboxMessages: OutboxMessagesTable;
  communities: CommunitiesTable;
  communityMembers: CommunityMembersTable;
  circles: CirclesTable;
  circleMembers: CircleMembersTable;
}

export type UserRow = Selectable<UsersTable>;
export type CommunityRow = Selectable<CommunitiesTable>;
export type CircleRow = Selectable<CirclesTable>;
