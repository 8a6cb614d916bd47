import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Rows of one section; a `circleId` (with `sessionId`) lets the export drop circles now hidden. */
export type SectionQuery = (db: Kysely<DB>, userId: string) => Promise<Record<string, unknown>[]>;

/** One section of the export and the person columns (`table.column`) its query covers. */
export interface ExportSection {
  name: string;
  covers: readonly string[];
  query: SectionQuery;
}

const rows =
  (build: (userId: string) => RawBuilder<Record<string, unknown>>): SectionQuery =>
  async (db, userId) =>
    (await build(userId).execute(db)).rows;

/**
 * What the export holds, section by section. Only the person's own rows, with the titles of what
 * they belong to; never another person's address, and no names but the person's own.
 */
export const exportedSections: readonly ExportSection[] = [
  {
    name: 'profile',
    covers: [],
    query: rows(
      (me) => sql`select id, name, email, organisation, territory, bio, locale, mail_preference,
        newsletters, created_at, last_active_at from users where id = ${me}`,
    ),
  },
  {
    name: 'profileTerritories',
    covers: ['territory_links.subject_id'],
    query: rows(
      (me) =>
        sql`select code from territory_links where subject_kind = 'user' and subject_id = ${me} order by code`,
    ),
  },
  {
    name: 'signInMethods',
    covers: ['auth_accounts.user_id'],
    query: rows(
      (me) =>
        sql`select provider_id, created_at, updated_at from auth_accounts where user_id = ${me} order by created_at`,
    ),
  },
  {
    name: 'signedInDevices',
    covers: ['auth_sessions.user_id'],
    query: rows(
      (me) => sql`select created_at, expires_at, ip_address, user_agent from auth_sessions
        where user_id = ${me} order by created_at`,
    ),
  },
  {
    name: 'communities',
    covers: ['community_members.user_id', 'communities.created_by'],
    query: rows(
      (me) => sql`select c.slug, c.name as community, m.role, m.status, m.created_at as joined_at,
        (c.created_by = ${me}) as created_by_me
        from community_members m join communities c on c.id = m.community_id
        where m.user_id = ${me} order by c.name`,
    ),
  },
  {
    name: 'circles',
    covers: [
      'circle_members.user_id',
      'circles.created_by',
      'circle_decisions.decided_by',
      'circle_links.created_by',
    ],
    query: rows(
      (me) => sql`select ci.id as circle_id, ci.name as circle, m.role, m.status, m.created_at as joined_at
        from circle_members m join circles ci on ci.id = m.circle_id where m.user_id = ${me}
        union all
        select ci.id, ci.name, 'creator', null, ci.created_at from circles ci where ci.created_by = ${me}
        union all
        select ci.id, ci.name, 'decision:' || d.outcome, null, d.decided_at
        from circle_decisions d join circles ci on ci.id = d.circle_id where d.decided_by = ${me}
        union all
        select ci.id, ci.name, 'related to: ' || other.name, l.note, l.created_at
        from circle_links l join circles ci on ci.id = l.first_circle_id
        join circles other on other.id = l.second_circle_id where l.created_by = ${me}`,
    ),
  },
  {
    name: 'sessions',
    covers: ['session_participants.user_id', 'sessions.created_by', 'agenda_items.owner_id'],
    query: rows(
      (me) => sql`select s.circle_id, s.id as session_id, s.title, s.starts_at, p.status as my_status
        from session_participants p join sessions s on s.id = p.session_id where p.user_id = ${me}
        union all
        select s.circle_id, s.id, s.title, s.starts_at, 'created' from sessions s where s.created_by = ${me}
        union all
        select s.circle_id, s.id, s.title || ' · ' || a.title, s.starts_at, 'agenda item owner'
        from agenda_items a join sessions s on s.id = a.session_id where a.owner_id = ${me}`,
    ),
  },
  {
    name: 'checkins',
    covers: ['checkins.user_id'],
    query: rows(
      (me) => sql`select s.circle_id, s.id as session_id, s.title as session, c.round, c.weather, c.word,
        c.updated_at from checkins c join sessions s on s.id = c.session_id where c.user_id = ${me}`,
    ),
  },
  {
    name: 'announcements',
    covers: ['announcements.author_id'],
    query: rows(
      (me) => sql`select s.circle_id, s.id as session_id, s.title as session, a.text, a.created_at
        from announcements a join sessions s on s.id = a.session_id where a.author_id = ${me}`,
    ),
  },
  {
    name: 'notesComments',
    covers: ['session_note_comments.author_id', 'session_note_comments.resolved_by'],
    query: rows(
      (me) => sql`select s.circle_id, s.id as session_id, s.title as session, c.quote, c.body, c.created_at,
        c.resolved_at, 'author' as my_part
        from session_note_comments c join sessions s on s.id = c.session_id where c.author_id = ${me}
        union all
        select s.circle_id, s.id, s.title, c.quote, c.body, c.created_at, c.resolved_at, 'resolved'
        from session_note_comments c join sessions s on s.id = c.session_id where c.resolved_by = ${me}`,
    ),
  },
  {
    name: 'nextSteps',
    covers: ['actions.created_by', 'action_owners.user_id'],
    query: rows(
      (me) => sql`select a.circle_id, a.session_id, a.title, a.status, a.due_on, a.created_at,
        (a.created_by = ${me}) as created_by_me,
        exists (select 1 from action_owners o where o.action_id = a.id and o.user_id = ${me}) as owned_by_me
        from actions a where a.created_by = ${me}
          or exists (select 1 from action_owners o where o.action_id = a.id and o.user_id = ${me})`,
    ),
  },
  {
    name: 'postIts',
    covers: ['board_notes.author_id', 'boards.created_by'],
    query: rows(
      (me) => sql`select b.circle_id, b.session_id, b.title as board, n.text, n.created_at, n.updated_at
        from board_notes n join boards b on b.id = n.board_id where n.author_id = ${me}
        union all
        select b.circle_id, b.session_id, b.title, null, b.created_at, b.updated_at
        from boards b where b.created_by = ${me}`,
    ),
  },
  {
    name: 'dots',
    covers: ['board_dots.user_id'],
    query: rows(
      (me) => sql`select b.circle_id, b.session_id, b.title as board, n.text as post_it, d.count
        from board_dots d join board_notes n on n.id = d.note_id join boards b on b.id = d.board_id
        where d.user_id = ${me}`,
    ),
  },
  {
    name: 'ballots',
    covers: ['poll_ballots.user_id', 'poll_voters.user_id', 'polls.created_by'],
    // Named ballots with their content; anonymous polls keep only that one voted (decision 008).
    query: rows(
      (me) => sql`select p.circle_id, p.session_id, p.title as poll, 'named' as kind, b.content, b.updated_at
        from poll_ballots b join polls p on p.id = b.poll_id where b.user_id = ${me}
        union all
        select p.circle_id, p.session_id, p.title, 'anonymous: voted', null, null
        from poll_voters v join polls p on p.id = v.poll_id where v.user_id = ${me}
        union all
        select p.circle_id, p.session_id, p.title, 'created', null, p.created_at
        from polls p where p.created_by = ${me}`,
    ),
  },
  {
    name: 'datePollAnswers',
    covers: ['date_poll_responses.user_id', 'date_polls.created_by'],
    query: rows(
      (
        me,
      ) => sql`select p.circle_id, p.title as date_poll, s.starts_at as slot, a.value, r.comment, r.updated_at
        from date_poll_responses r join date_polls p on p.id = r.poll_id
        left join date_poll_answers a on a.response_id = r.id
        left join date_poll_slots s on s.id = a.slot_id where r.user_id = ${me}
        union all
        select p.circle_id, p.title, null, 'created', null, p.created_at from date_polls p where p.created_by = ${me}`,
    ),
  },
  {
    name: 'signUps',
    covers: ['signup_entries.user_id', 'signup_sheets.created_by'],
    query: rows(
      (me) => sql`select sh.circle_id, sh.title as sheet, t.title as topic, e.status, e.note, e.created_at
        from signup_entries e join signup_topics t on t.id = e.topic_id
        join signup_sheets sh on sh.id = t.sheet_id where e.user_id = ${me}
        union all
        select sh.circle_id, sh.title, null, 'created', null, sh.created_at from signup_sheets sh
        where sh.created_by = ${me}`,
    ),
  },
  {
    name: 'surveyAnswers',
    covers: [
      'survey_responses.user_id',
      'survey_respondents.user_id',
      'surveys.created_by',
      'survey_templates.created_by',
    ],
    // Named answers with their content; anonymous ones are not linked to anyone (decision 028).
    query: rows(
      (
        me,
      ) => sql`select s.circle_id, s.session_id, s.title as survey, 'named' as kind, r.answers, r.updated_at
        from survey_responses r join surveys s on s.id = r.survey_id where r.user_id = ${me}
        union all
        select s.circle_id, s.session_id, s.title, 'answered', null, null
        from survey_respondents r join surveys s on s.id = r.survey_id where r.user_id = ${me}
        union all
        select s.circle_id, s.session_id, s.title, 'created', null, s.created_at from surveys s where s.created_by = ${me}
        union all
        select null, null, t.title, 'template created', null, t.created_at from survey_templates t
        where t.created_by = ${me}`,
    ),
  },
  {
    name: 'events',
    covers: [
      'event_registrations.user_id',
      'events.created_by',
      'event_roles.created_by',
      'event_role_takers.user_id',
      'event_challenges.created_by',
      'event_challenge_carriers.user_id',
      'event_challenge_members.user_id',
      'open_spaces.created_by',
      'open_space_sessions.host_id',
      'open_space_presences.user_id',
    ],
    query: rows(
      (me) => sql`select e.title as event, 'registration: ' || r.status as what, e.starts_at as at
        from event_registrations r join events e on e.id = r.event_id where r.user_id = ${me}
        union all select e.title, 'created', e.created_at from events e where e.created_by = ${me}
        union all select e.title, 'role: ' || ro.title, t.taken_at from event_role_takers t
          join event_roles ro on ro.id = t.role_id join events e on e.id = ro.event_id where t.user_id = ${me}
        union all select e.title, 'role created: ' || ro.title, ro.created_at from event_roles ro
          join events e on e.id = ro.event_id where ro.created_by = ${me}
        union all select e.title, 'challenge created: ' || c.question, c.created_at from event_challenges c
          join events e on e.id = c.event_id where c.created_by = ${me}
        union all select e.title, 'challenge carried: ' || c.question, null from event_challenge_carriers k
          join event_challenges c on c.id = k.challenge_id join events e on e.id = c.event_id where k.user_id = ${me}
        union all select e.title, 'challenge team: ' || c.question, m.joined_at from event_challenge_members m
          join event_challenges c on c.id = m.challenge_id join events e on e.id = c.event_id where m.user_id = ${me}
        union all select e.title, 'open space created: ' || o.title, o.created_at from open_spaces o
          join events e on e.id = o.event_id where o.created_by = ${me}
        union all select e.title, 'open space session hosted: ' || s.title, s.created_at from open_space_sessions s
          join open_spaces o on o.id = s.open_space_id join events e on e.id = o.event_id where s.host_id = ${me}
        union all select e.title, 'open space presence', p.updated_at from open_space_presences p
          join open_spaces o on o.id = p.open_space_id join events e on e.id = o.event_id where p.user_id = ${me}`,
    ),
  },
  {
    name: 'glossary',
    covers: [
      'glossary_entries.created_by',
      'glossary_revisions.author_id',
      'glossary_writers.user_id',
      'glossary_votes.created_by',
    ],
    query: rows(
      (
        me,
      ) => sql`select g.term, 'proposed' as what, g.created_at as at from glossary_entries g where g.created_by = ${me}
        union all select r.term, 'revision ' || r.revision, r.created_at from glossary_revisions r where r.author_id = ${me}
        union all select g.term, 'writer', w.created_at from glossary_writers w
          join glossary_entries g on g.id = w.entry_id where w.user_id = ${me}
        union all select p.title, 'vote campaign created', v.created_at from glossary_votes v
          join polls p on p.id = v.poll_id where v.created_by = ${me}`,
    ),
  },
  {
    name: 'writings',
    covers: ['learning_designs.created_by', 'newsletters.created_by'],
    query: rows(
      (
        me,
      ) => sql`select 'learning design' as kind, title, created_at from learning_designs where created_by = ${me}
        union all select 'newsletter', subject, created_at from newsletters where created_by = ${me}`,
    ),
  },
  {
    name: 'claims',
    covers: ['placeholder_invitations.accepted_by', 'placeholder_invitations.invited_by'],
    // The invitee's address is another person's: only the name already shown in the community.
    query: rows(
      (me) => sql`select placeholder_name, 'accepted' as what, accepted_at as at from placeholder_invitations
        where accepted_by = ${me}
        union all select placeholder_name, 'invited', created_at from placeholder_invitations where invited_by = ${me}`,
    ),
  },
  {
    name: 'mails',
    covers: [],
    query: async (db, me) => {
      const user = await db.selectFrom('users').select('email').where('id', '=', me).executeTakeFirst();
      if (!user) return [];
      return (
        await sql<Record<string, unknown>>`select subject, status, created_at, sent_at from mail_deliveries
          where to_address = ${user.email}
          union all select subject, 'outbox', created_at, null from outbox_messages where to_address = ${user.email}
          order by created_at`.execute(db)
      ).rows;
    },
  },
  {
    name: 'auditLog',
    covers: [],
    query: rows(
      (me) => sql`select at, kind, ip from audit_events where actor_id = ${me} order by at desc limit 1000`,
    ),
  },
];

/**
 * Person columns deliberately left out of the export, each with its reason. A column naming a
 * person must be here or in a section's `covers` (export-coverage.test.ts).
 */
export const excludedPersonColumns: Readonly<Record<string, string>> = {
  'calendar_feeds.user_id': 'a secret feed link: only its existence, nothing readable',
  'idempotency_keys.user_id': 'replays of requests, kept 24 hours for the network, not about the person',
  'placeholder_invitations.placeholder_id':
    'a placeholder is another row, merged into the account when claimed',
  'guests.user_id': 'a guest by a code is another row, with no account; its row goes when claimed',
  'speaking_hands.user_id':
    'a raised hand in a running meeting, cleared when the agenda moves on: a moment, not a record',
  'guest_codes.created_by': 'a short-lived code its facilitator opened: the session is theirs, not the code',
};
