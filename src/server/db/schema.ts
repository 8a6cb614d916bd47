import type { ColumnType, Selectable } from 'kysely';
import type { BoardColor } from '../../domain/board.ts';
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
import type { DateAnswerValue, DatePollStatus } from '../../domain/date-poll.ts';
import type { PollKind, PollPhase } from '../../domain/poll.ts';
import type {
  ActionStatus,
  AgendaItemKind,
  CheckinRound,
  ParticipantStatus,
  SessionStatus,
  Weather,
} from '../../domain/session.ts';
import type { SignupStatus } from '../../domain/signup.ts';

/** PostgreSQL returns timestamptz as Date, SQLite keeps ISO text: both accept ISO text on write. */
export type Timestamp = ColumnType<Date | string, string, string>;
/** SQLite has no boolean: 0/1 there, true/false on PostgreSQL. */
export type Flag = ColumnType<boolean | number, boolean, boolean>;

export interface UsersTable extends UsersMailColumns {
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
  /** A person written into the data without an account (demo, imports), until someone claims them. */
  isPlaceholder: ColumnType<boolean | number, boolean | undefined, boolean>;
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

export interface OutboxMessagesTable extends OutboxMailColumns {
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
  /** IANA zone of the community's reminders, digests and mail dates (default Europe/Paris). */
  timeZone: ColumnType<string, string | undefined, string>;
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

export interface CirclesTable extends CirclesMailColumns {
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

export interface SessionsTable {
  id: string;
  circleId: string;
  title: string;
  description: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  timeZone: string;
  place: string;
  status: SessionStatus;
  currentItemId: string | null;
  currentItemStartedAt: Timestamp | null;
  startedAt: Timestamp | null;
  synthesis: string;
  /** Shared notes as Markdown until the collaborative document takes over. */
  notesMarkdown: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** iCalendar SEQUENCE: raised by every write that changes what a calendar shows. */
  sequence: ColumnType<number, number | undefined, number>;
  videoUrl: string | null;
  cancelledAt: Timestamp | null;
  cancelReason: string | null;
  /** Bumped by the writes whose live events carry the change (2026-12-05-0050). */
  version: ColumnType<number, number | undefined, number>;
  /** The series this session is an occurrence of (2026-12-05-0053), if any. */
  seriesId: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A series of recurring sessions: the rule it was planned with (domain/recurrence.ts), as JSON. */
export interface SessionSeriesTable {
  id: string;
  circleId: string;
  rule: string;
  createdAt: Timestamp;
}

export interface AgendaItemsTable {
  id: string;
  sessionId: string;
  parentId: string | null;
  position: number;
  title: string;
  startsAt: Timestamp | null;
  endsAt: Timestamp | null;
  kind: AgendaItemKind | null;
  ownerId: string | null;
  notes: string;
}

export interface SessionParticipantsTable {
  id: string;
  sessionId: string;
  userId: string | null;
  guestName: string | null;
  status: ParticipantStatus;
  createdAt: Timestamp;
}

export interface CheckinsTable {
  sessionId: string;
  userId: string;
  round: CheckinRound;
  weather: Weather;
  word: string | null;
  updatedAt: Timestamp;
  /** The session's version this answer was given at: the round's order (2026-12-05-0050). */
  version: ColumnType<number, number | undefined, number>;
}

export interface ActionsTable {
  id: string;
  circleId: string;
  sessionId: string | null;
  title: string;
  /** Calendar date, YYYY-MM-DD. */
  dueOn: string | null;
  status: ActionStatus;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ActionOwnersTable {
  actionId: string;
  position: number;
  userId: string | null;
  guestName: string | null;
}

export interface AnnouncementsTable {
  id: string;
  sessionId: string;
  position: number;
  text: string;
}

export interface SessionVotesTable {
  id: string;
  sessionId: string;
  position: number;
  title: string;
  sections: string;
}

export interface SessionNoteSnapshotsTable {
  sessionId: string;
  state: Uint8Array;
  /** The notes as Markdown at this state (migration 0011); null until the next compaction. */
  markdown: ColumnType<string | null, string | null | undefined, string | null>;
  updatedAt: Timestamp;
}

export interface SessionNoteUpdatesTable {
  id: ColumnType<number, never, never>;
  sessionId: string;
  update: Uint8Array;
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
  sessions: SessionsTable;
  sessionSeries: SessionSeriesTable;
  agendaItems: AgendaItemsTable;
  sessionParticipants: SessionParticipantsTable;
  checkins: CheckinsTable;
  actions: ActionsTable;
  actionOwners: ActionOwnersTable;
  announcements: AnnouncementsTable;
  sessionVotes: SessionVotesTable;
  sessionNoteSnapshots: SessionNoteSnapshotsTable;
  sessionNoteUpdates: SessionNoteUpdatesTable;
  // Boards (migration 0004).
  boards: BoardsTable;
  boardCategories: BoardCategoriesTable;
  boardClusters: BoardClustersTable;
  boardNotes: BoardNotesTable;
  boardDots: BoardDotsTable;
  // Calendars (2026-11-29-0008)
  calendarFeeds: CalendarFeedsTable;
  // Date polls and sign-up sheets (migration 0007)
  datePolls: DatePollsTable;
  datePollSlots: DatePollSlotsTable;
  datePollResponses: DatePollResponsesTable;
  datePollAnswers: DatePollAnswersTable;
  // Guest answer limits (migration 0013)
  guestAnswerMarks: GuestAnswerMarksTable;
  signupSheets: SignupSheetsTable;
  signupTopics: SignupTopicsTable;
  signupEntries: SignupEntriesTable;
  // Jobs and mail (2026-11-29-0006)
  jobs: JobsTable;
  mailDeliveries: MailDeliveriesTable;
  polls: PollsTable;
  pollSections: PollSectionsTable;
  pollOptions: PollOptionsTable;
  pollBallots: PollBallotsTable;
  pollVoters: PollVotersTable;
  pollAnonymousBallots: PollAnonymousBallotsTable;
  // Idempotency keys (2026-12-03-0015)
  idempotencyKeys: IdempotencyKeysTable;
  // Placeholder claims (2026-12-03-0014)
  placeholderInvitations: PlaceholderInvitationsTable;
}

export type UserRow = Selectable<UsersTable>;
export type CommunityRow = Selectable<CommunitiesTable>;
export type CircleRow = Selectable<CirclesTable>;
export type SessionRow = Selectable<SessionsTable>;

// Boards (migration 0004): post-its with a legend, clusters and dot votes.

export interface BoardsTable {
  id: string;
  circleId: string;
  sessionId: string | null;
  /** An agenda item of the session, without a foreign key (agenda saves may renew item ids). */
  agendaItemId: string | null;
  title: string;
  anonymous: Flag;
  silent: Flag;
  locked: Flag;
  hideDots: Flag;
  dotsRevealed: Flag;
  dotsPerParticipant: number;
  maxDotsPerNote: number | null;
  votingClosesAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** Bumped by every write under the board's lock; live events carry it (2026-12-05-0042). */
  version: ColumnType<number, number | undefined, number>;
}

export interface BoardCategoriesTable {
  id: string;
  boardId: string;
  position: number;
  name: string;
  color: BoardColor;
  meaning: string;
}

export interface BoardClustersTable {
  id: string;
  boardId: string;
  title: string;
  createdAt: Timestamp;
}

export interface BoardNotesTable {
  id: string;
  boardId: string;
  categoryId: string | null;
  clusterId: string | null;
  authorId: string | null;
  text: string;
  x: number;
  y: number;
  hidden: Flag;
  private: Flag;
  actionId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface BoardDotsTable {
  noteId: string;
  userId: string;
  boardId: string;
  count: number;
}

export type BoardRow = Selectable<BoardsTable>;

// Calendars (2026-11-29-0008)
export interface CalendarFeedsTable {
  userId: string;
  nonce: string;
  tokenHash: string;
  createdAt: Timestamp;
}

// Date polls and sign-up sheets (migration 0007)
export interface DatePollsTable {
  id: string;
  circleId: string;
  title: string;
  timeZone: string;
  deadline: Timestamp | null;
  hideParticipants: Flag;
  shareToken: string;
  status: DatePollStatus;
  chosenSlotId: string | null;
  sessionId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface DatePollSlotsTable {
  id: string;
  pollId: string;
  position: number;
  startsAt: Timestamp;
  endsAt: Timestamp;
  /** The session created for this slot when the poll closed on it (one per chosen slot). */
  sessionId: string | null;
}

export interface DatePollResponsesTable {
  id: string;
  pollId: string;
  userId: string | null;
  guestName: string | null;
  guestEmail: string | null;
  /** The language the guest answered in (date-polls' migration 0019); null before it. */
  guestLocale: ColumnType<string | null, string | null | undefined, string | null>;
  editTokenHash: string | null;
  comment: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GuestAnswerMarksTable {
  id: string;
  addressHash: string;
  sourceHash: string;
  createdAt: Timestamp;
}

export interface DatePollAnswersTable {
  responseId: string;
  slotId: string;
  value: DateAnswerValue;
}

export interface SignupSheetsTable {
  id: string;
  circleId: string;
  title: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface SignupTopicsTable {
  id: string;
  sheetId: string;
  position: number;
  title: string;
  capacity: number | null;
  workingGroupId: string | null;
}

export interface SignupEntriesTable {
  id: string;
  topicId: string;
  userId: string;
  note: string;
  status: SignupStatus;
  position: number;
  createdAt: Timestamp;
}

export type DatePollRow = Selectable<DatePollsTable>;

// Jobs and mail (2026-11-29-0006)

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON, parsed by the handler of the kind. */
  payload: string;
  /** Idempotency key: unique, so enqueueing twice with one key makes one job. */
  key: string | null;
  status: JobStatus;
  attempts: ColumnType<number, number | undefined, number>;
  maxAttempts: number;
  runAt: Timestamp;
  /** The runner holding the lease, until lockedUntil; an expired lease may be claimed again. */
  lockedBy: string | null;
  lockedUntil: Timestamp | null;
  lastError: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  finishedAt: Timestamp | null;
}

export type MailDeliveryStatus = 'sending' | 'sent' | 'skipped';

export interface MailDeliveriesTable {
  idempotencyKey: string;
  jobId: string | null;
  toAddress: string;
  subject: string;
  /** Derived from the key: a resend after a crash carries the same Message-ID. */
  messageId: string;
  status: MailDeliveryStatus;
  createdAt: Timestamp;
  sentAt: Timestamp | null;
}

export type MailPreference = 'all' | 'digest' | 'none';

export interface UsersMailColumns {
  mailPreference: ColumnType<MailPreference, MailPreference | undefined, MailPreference>;
}

export interface OutboxMailColumns {
  htmlBody: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON object of the extra headers (List-Unsubscribe…). */
  headers: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON array of attachment file names. */
  attachmentNames: ColumnType<string | null, string | null | undefined, string | null>;
  /** An account mail: only its envelope was kept, its content is its recipient's alone. */
  contentWithheld: ColumnType<boolean | number, boolean | undefined, boolean>;
}

export interface CirclesMailColumns {
  /** Hours before a session its reminder goes out; null: no reminders. */
  reminderHours: ColumnType<number | null, number | null | undefined, number | null>;
}

// Polls (2026-11-29-0005)
export interface PollsTable {
  id: string;
  communityId: string;
  circleId: string | null;
  sessionId: string | null;
  title: string;
  description: string;
  kind: PollKind;
  phase: PollPhase;
  maxPerSection: number | null;
  minChoices: number | null;
  maxChoices: number | null;
  anonymous: Flag;
  hideResults: Flag;
  opensAt: Timestamp | null;
  closesAt: Timestamp | null;
  closedAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface PollSectionsTable {
  id: string;
  pollId: string;
  position: number;
  title: string;
}

export interface PollOptionsTable {
  id: string;
  pollId: string;
  sectionId: string | null;
  position: number;
  text: string;
}

/** Named polls: the voter's current ballot, one per (poll, user). */
export interface PollBallotsTable {
  pollId: string;
  userId: string;
  /** JSON: { choices } | { ranking } | { scores }. */
  content: string;
  updatedAt: Timestamp;
}

/** Anonymous polls: who has voted, and nothing else. */
export interface PollVotersTable {
  pollId: string;
  userId: string;
}

/** Anonymous polls: ballots with no voter, no time; only the hash of the voter's receipt. */
export interface PollAnonymousBallotsTable {
  id: string;
  pollId: string;
  receiptHash: string;
  content: string;
}

export type PollRow = Selectable<PollsTable>;

// Idempotency keys (2026-12-03-0015)
export interface IdempotencyKeysTable {
  userId: string;
  key: string;
  /** Method and path of the request the key was first used on. */
  route: string;
  /** SHA-256 (hex) of the request body. */
  requestHash: string;
  /** The request running under the key; a finished answer is written only by it. */
  attemptId: string;
  /** Null while the first request runs. */
  statusCode: number | null;
  contentType: string | null;
  responseBody: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
}

// Placeholder claims (2026-12-03-0014)
export interface PlaceholderInvitationsTable {
  id: string;
  placeholderId: string | null;
  placeholderName: string;
  communityId: string;
  email: string;
  nonce: string;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  acceptedAt: Timestamp | null;
  acceptedBy: string | null;
  revokedAt: Timestamp | null;
}
