/**
 * Who may do what: one pure policy per kind of object, answering `can(standing, action, object)`.
 * The server resolves a viewer's standing in SQL (src/server/policy/); routes, the SQL visibility
 * predicates, live-topic authorisation and the `abilities` of every response all ask these rules.
 */
import type { CircleVisibility } from './circle.ts';
import type { EventVisibility } from './event.ts';
import { type GlossaryStatus, publicGlossaryStatuses } from './glossary.ts';

/** Where an object lives. Branch and territory hold no objects yet (a branch is a community). */
export type Scope =
  | { kind: 'public' }
  | { kind: 'community'; communityId: string }
  | { kind: 'branch'; communityId: string; branchId: string }
  | { kind: 'circle'; communityId: string; circleId: string; visibility: CircleVisibility }
  | { kind: 'territory'; territoryId: string };
export type ScopeKind = Scope['kind'];

/**
 * The actions, shared by every kind of object:
 * - `read`: know the object exists and see it (refused: 404, as if absent);
 * - `takePart`: contribute as a participant: check in, vote, answer, sign up, write post-its,
 *   create a poll, a board or a sheet in a circle (refused: 403);
 * - `steer`: facilitate and organise: edit, open, close, reveal, lock, delete, approve members,
 *   name stewards (refused: 403).
 */
export const policyActions = ['read', 'takePart', 'steer'] as const;
export type PolicyAction = (typeof policyActions)[number];
export type Abilities = Record<PolicyAction, boolean>;

/** A viewer's standing in a community (or in the community that holds a branch or a circle). */
export type CommunityStanding = 'none' | 'requested' | 'member' | 'animator';
/** In the branches of a community (its territorial branches' members: decision 035). */
export type BranchStanding = 'none' | 'member';
/** In a circle. Someone removed or who left has no row: `none`, like an outsider. */
export type CircleStanding = 'none' | 'requested' | 'waitlisted' | 'member' | 'facilitator';

/** What the server resolved about the viewer in one scope (one SQL statement). */
export interface Standing {
  /** undefined for an anonymous visitor. */
  userId: string | undefined;
  instanceAdmin: boolean;
  community: CommunityStanding;
  circle: CircleStanding;
  /**
   * `member`: an active member of one of the community's territorial branches, who reads what the
   * community shares with its branches (its learning designs: decision 035) and takes part in none.
   */
  branch: BranchStanding;
  /** Reserved for territories: nobody holds a standing there yet. */
  territory: 'none';
  /**
   * The object's community is archived: whoever could read still reads, and nobody (admins
   * included) takes part or steers any more (decision 038).
   */
  archived: boolean;
  /**
   * A guest who joined by a code (decision 051): the one session they stand in. They read and take
   * part in that session and the boards and polls attached to it, and nothing else.
   */
  guestOf?: string;
}

export const anonymous: Standing = {
  userId: undefined,
  instanceAdmin: false,
  community: 'none',
  circle: 'none',
  branch: 'none',
  territory: 'none',
  archived: false,
};

const isCommunityMember = (s: Standing) => s.community === 'member' || s.community === 'animator';
const isCircleMember = (s: Standing) => s.circle === 'member' || s.circle === 'facilitator';

/** Facilitators of the circle, active animators of its community and instance admins. */
export const stewardsCircle = (s: Standing) =>
  s.userId !== undefined && (s.instanceAdmin || s.community === 'animator' || s.circle === 'facilitator');

/**
 * Who may know a circle exists: public circles for all; community circles for the community's
 * active members and instance admins; private ones only for people with a standing in the circle
 * (member, waitlisted, requested): not even admins, what is said in a private circle stays there.
 */
function readsCircle(s: Standing, visibility: CircleVisibility): boolean {
  if (s.circle !== 'none') return true;
  if (visibility === 'public') return true;
  if (visibility === 'community') return isCommunityMember(s) || s.instanceAdmin;
  return false;
}

/**
 * What is said in a circle (sessions, next steps, polls, date polls, sheets): the circle's rule, and
 * in a private circle also being a member, a steward or listed on the session. Waitlisted and
 * requesting people see a private circle, not its content.
 */
function readsCircleContent(s: Standing, visibility: CircleVisibility, isListed = false): boolean {
  if (!readsCircle(s, visibility)) return false;
  return visibility !== 'private' || isCircleMember(s) || stewardsCircle(s) || isListed;
}

const abilities = (read: boolean, takePart: boolean, steer: boolean): Abilities => ({
  read,
  takePart: read && takePart,
  steer: read && steer,
});

/** The facts each kind of object brings beside the viewer's standing in its scope. */
export type PolicyObject =
  | { kind: 'community' }
  | { kind: 'circle'; visibility: CircleVisibility }
  | { kind: 'session'; visibility: CircleVisibility; isListed: boolean; sessionId?: string }
  | {
      kind: 'action';
      visibility: CircleVisibility;
      isListed: boolean;
      authorId: string | null;
      isOwner: boolean;
    }
  | { kind: 'board'; visibility: CircleVisibility; createdBy: string | null; sessionId?: string | null }
  | { kind: 'circlePoll'; visibility: CircleVisibility; createdBy: string | null; sessionId?: string | null }
  | { kind: 'communityPoll'; createdBy: string | null }
  | { kind: 'datePoll'; visibility: CircleVisibility; createdBy: string | null }
  | { kind: 'signupSheet'; visibility: CircleVisibility; createdBy: string | null }
  | { kind: 'glossaryEntry'; status: GlossaryStatus }
  | {
      kind: 'circleSurvey';
      visibility: CircleVisibility;
      /** Answered by a session's listed people (`participants`) or the circle's members. */
      forParticipants: boolean;
      isListed: boolean;
      createdBy: string | null;
      isOpen: boolean;
    }
  | { kind: 'communitySurvey'; createdBy: string | null; isOpen: boolean }
  | { kind: 'learningDesign'; createdBy: string | null }
  | { kind: 'event'; visibility: EventVisibility; createdBy: string | null };
export type PolicyKind = PolicyObject['kind'];

const isMine = (s: Standing, owner: string | null) => s.userId !== undefined && owner === s.userId;

type Policies = { [K in PolicyKind]: (s: Standing, object: Extract<PolicyObject, { kind: K }>) => Abilities };

/** One policy per kind of object. */
export const policies: Policies = {
  // Communities are listed for everyone; their members (and admins) take part: open circles, read
  // the directory; animators and admins steer.
  community: (s) =>
    abilities(
      true,
      s.userId !== undefined && (isCommunityMember(s) || s.instanceAdmin),
      s.userId !== undefined && (s.instanceAdmin || s.community === 'animator'),
    ),
  // Taking part in a circle: creating its polls, boards, date polls and sheets.
  circle: (s, o) =>
    abilities(readsCircle(s, o.visibility), isCircleMember(s) || stewardsCircle(s), stewardsCircle(s)),
  session: (s, o) =>
    abilities(
      readsCircleContent(s, o.visibility, o.isListed),
      s.userId !== undefined && (isCircleMember(s) || o.isListed || stewardsCircle(s)),
      stewardsCircle(s),
    ),
  // A next step is read with its session; its owners move it along (takePart), its author and
  // the stewards also decide who carries it (steer).
  action: (s, o) => {
    const steers = stewardsCircle(s) || isMine(s, o.authorId);
    return abilities(readsCircleContent(s, o.visibility, o.isListed), o.isOwner || steers, steers);
  },
  // Boards are for the circle's members and stewards only, even in a public circle.
  board: (s, o) => {
    const onBoard = readsCircle(s, o.visibility) && (isCircleMember(s) || stewardsCircle(s));
    return abilities(onBoard, true, stewardsCircle(s) || isMine(s, o.createdBy));
  },
  // Members vote (a steward who is not a member does not); a creator steers while still a member.
  circlePoll: (s, o) =>
    abilities(
      readsCircleContent(s, o.visibility),
      isCircleMember(s),
      stewardsCircle(s) || (isMine(s, o.createdBy) && isCircleMember(s)),
    ),
  communityPoll: (s, o) =>
    abilities(
      s.userId !== undefined && (isCommunityMember(s) || s.instanceAdmin),
      isCommunityMember(s),
      s.instanceAdmin || s.community === 'animator' || (isMine(s, o.createdBy) && isCommunityMember(s)),
    ),
  datePoll: (s, o) => schedulingAbilities(s, o),
  signupSheet: (s, o) => schedulingAbilities(s, o),
  // The abécédaire: selected and published entries are for everyone who sees the community (all);
  // proposed and archived ones for its members. Members propose, write and sign up as writers
  // (not on an archived entry); animators and admins select, publish and archive.
  glossaryEntry: (s, o) =>
    abilities(
      publicGlossaryStatuses.includes(o.status) || isCommunityMember(s) || s.instanceAdmin,
      isCommunityMember(s) && o.status !== 'archived',
      s.instanceAdmin || s.community === 'animator',
    ),
  // A questionnaire of a circle is read as what is said there (and by a session's listed people
  // when it is theirs); its audience answers while it is open; stewards and its author organise it.
  circleSurvey: (s, o) =>
    abilities(
      readsCircleContent(s, o.visibility, o.isListed),
      o.isOpen && s.userId !== undefined && (o.forParticipants ? o.isListed : isCircleMember(s)),
      stewardsCircle(s) || (isMine(s, o.createdBy) && isCircleMember(s)),
    ),
  communitySurvey: (s, o) =>
    abilities(
      s.userId !== undefined && (isCommunityMember(s) || s.instanceAdmin),
      o.isOpen && isCommunityMember(s),
      s.instanceAdmin || s.community === 'animator' || (isMine(s, o.createdBy) && isCommunityMember(s)),
    ),
  // The library of learning designs (scénarios pédagogiques) is the community's craft: its members
  // (and admins) read it, and so do its branches' members, read-only (decision 035); members write
  // new designs and plan sessions from them (the session also needs a steward of the target
  // circle); a design's author while a member, animators and admins edit and delete it.
  learningDesign: (s, o) =>
    abilities(
      s.userId !== undefined && (isCommunityMember(s) || s.branch === 'member' || s.instanceAdmin),
      isCommunityMember(s),
      s.instanceAdmin || s.community === 'animator' || (isMine(s, o.createdBy) && isCommunityMember(s)),
    ),
  // An event: a public one is read by anyone, even without an account (guests register through
  // their own confirmed link); a community one by its members and admins. Signed-in readers
  // register (a public event's registration is open to any account); animators, admins and its
  // author while a member organise it.
  event: (s, o) =>
    abilities(
      o.visibility === 'public' || isCommunityMember(s) || (s.userId !== undefined && s.instanceAdmin),
      s.userId !== undefined,
      s.instanceAdmin || s.community === 'animator' || (isMine(s, o.createdBy) && isCommunityMember(s)),
    ),
};

/** Date polls and sign-up sheets: members and stewards answer; their organiser while in the circle. */
function schedulingAbilities(s: Standing, o: { visibility: CircleVisibility; createdBy: string | null }) {
  const takesPart = s.userId !== undefined && (isCircleMember(s) || stewardsCircle(s));
  return abilities(
    readsCircleContent(s, o.visibility),
    takesPart,
    stewardsCircle(s) || (isMine(s, o.createdBy) && takesPart),
  );
}

/** Every ability of the viewer on one object. */
export function abilitiesOn(standing: Standing, object: PolicyObject): Abilities {
  if (standing.guestOf !== undefined) return guestAbilities(standing, object);
  const policy = policies[object.kind] as (s: Standing, o: PolicyObject) => Abilities;
  const abilities = policy(standing, object);
  return standing.archived ? { read: abilities.read, takePart: false, steer: false } : abilities;
}

/** The policy's answer for one action. */
export function can(standing: Standing, action: PolicyAction, object: PolicyObject): boolean {
  return abilitiesOn(standing, object)[action];
}

/**
 * A guest reads and takes part in their session and in the boards and polls attached to it; they
 * steer nothing and see nothing else (decision 051). An archived community is read-only for them too.
 */
function guestAbilities(standing: Standing, object: PolicyObject): Abilities {
  const inSession =
    (object.kind === 'session' || object.kind === 'board' || object.kind === 'circlePoll') &&
    object.sessionId === standing.guestOf;
  return abilities(inSession, inSession && !standing.archived, false);
}
