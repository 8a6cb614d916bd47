import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  LearningDesignCreate,
  LearningDesignPatch,
  LearningDesignPlan,
  LearningSequence,
} from '../../../contract/learning-design.ts';
import { planSequences } from '../../../domain/sequence-plan.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import type { Viewer } from '../../http/viewer.ts';
import type { Locale } from '../../mail/mail-i18n.ts';
import { requireSteward } from '../../policy/access.ts';
import { getVisibleCircle } from '../circles/circles.public.ts';
import { createSessionWithAgenda } from '../sessions/sessions.public.ts';
import {
  type DesignAccess,
  type DesignRow,
  readObjectives,
  readSequences,
  type StoredSequence,
} from './learning-designs.queries.ts';

const storedSequences = (sequences: LearningSequence[]): string =>
  JSON.stringify(
    sequences.map(
      (s): StoredSequence => ({
        title: s.title,
        minutes: s.minutes,
        method: s.method ?? '',
        materials: s.materials ?? '',
        lead: s.lead ?? '',
      }),
    ),
  );

/** Adds a design to a community's library; `createdBy` null for one nobody wrote in the app. */
export async function createDesign(
  db: Kysely<DB>,
  communityId: string,
  createdBy: string | null,
  input: LearningDesignCreate,
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto('learningDesigns')
    .values({
      id,
      communityId,
      title: input.title,
      objectives: JSON.stringify(input.objectives),
      audience: input.audience ?? '',
      sequences: storedSequences(input.sequences),
      createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

/** One statement: the fields given replace the stored ones whole (lists included). */
export async function patchDesign(db: Kysely<DB>, designId: string, patch: LearningDesignPatch) {
  await db
    .updateTable('learningDesigns')
    .set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.objectives !== undefined && { objectives: JSON.stringify(patch.objectives) }),
      ...(patch.audience !== undefined && { audience: patch.audience }),
      ...(patch.sequences !== undefined && { sequences: storedSequences(patch.sequences) }),
      updatedAt: new Date().toISOString(),
    })
    .where('id', '=', designId)
    .execute();
}

export async function deleteDesign(db: Kysely<DB>, designId: string) {
  await db.deleteFrom('learningDesigns').where('id', '=', designId).execute();
}

const noteWords = {
  fr: { method: 'Modalités', materials: 'Matériel', lead: 'Qui anime', colon: ' :' },
  en: { method: 'How', materials: 'Materials', lead: 'Led by', colon: ':' },
} as const;

/**
 * What an agenda item keeps of a sequence besides its title and times: how, with what, by whom,
 * one paragraph each, in plain words (agenda notes are shown as text).
 */
function sequenceNotes(sequence: StoredSequence, locale: Locale): string {
  const words = noteWords[locale];
  return (['method', 'materials', 'lead'] as const)
    .filter((key) => sequence[key] !== '')
    .map((key) => `${words[key]}${words.colon} ${sequence[key]}`)
    .join('\n\n');
}

/** A design is planned in its own community's circles or in those of its branches (decision 035). */
async function isDesignCommunityOrBranch(
  db: Kysely<DB>,
  circleCommunityId: string,
  designCommunityId: string,
) {
  if (circleCommunityId === designCommunityId) return true;
  const community = await db
    .selectFrom('communities')
    .select('parentId')
    .where('id', '=', circleCommunityId)
    .executeTakeFirst();
  return community?.parentId === designCommunityId;
}

/**
 * "Plan a session from this design": in the target circle (its stewards only, as for creating a
 * session; a circle of the design's community or of a branch of it), a session whose agenda is the design's sequences
 * laid end to end from the wall-clock start, ending with the last one. One transaction.
 */
export async function planSessionFromDesign(
  db: Kysely<DB>,
  access: DesignAccess,
  viewer: Viewer,
  input: LearningDesignPlan,
  locale: Locale,
): Promise<string> {
  const circle = await getVisibleCircle(db, input.circleId, viewer);
  requireSteward(circle, viewer);
  if (!(await isDesignCommunityOrBranch(db, circle.communityId, access.community.id))) {
    throw new AppError(
      'INVALID_INPUT',
      'The circle must belong to the design’s community or a branch of it',
      [{ path: ['body', 'circleId'], message: 'a circle of another community' }],
    );
  }
  return scheduleDesign(db, access.design, circle.id, viewer.id, input, locale);
}

/**
 * The session and agenda of a design, with no access check: for callers that made theirs (the
 * route above) or that write trusted data (the demo). Given a transaction, writes in it.
 */
export async function scheduleDesign(
  db: Kysely<DB>,
  design: Pick<DesignRow, 'title' | 'objectives' | 'sequences'>,
  circleId: string,
  creatorId: string | null,
  input: Omit<LearningDesignPlan, 'circleId'>,
  locale: Locale,
): Promise<string> {
  const sequences = readSequences(design.sequences);
  const slots = planSequences(
    input.startsAt,
    sequences.map((s) => s.minutes),
    input.timeZone,
  );
  const first = slots[0];
  const last = slots.at(-1);
  if (!first || !last) throw new AppError('INVALID_INPUT', 'The design has no sequence to plan');
  const objectives = readObjectives(design.objectives);
  return createSessionWithAgenda(
    db,
    circleId,
    creatorId,
    {
      title: input.title ?? design.title,
      startsAt: first.startsAt.toISOString(),
      endsAt: last.endsAt.toISOString(),
      timeZone: input.timeZone,
      // The session's description holds 4,000 characters (sessionPatchSchema): the objectives, cut there.
      description: objectives
        .map((objective) => `- ${objective}`)
        .join('\n')
        .slice(0, 4000),
    },
    sequences.map((sequence, i) => ({
      title: sequence.title,
      startsAt: slots[i]?.startsAt.toISOString() ?? first.startsAt.toISOString(),
      endsAt: slots[i]?.endsAt.toISOString() ?? last.endsAt.toISOString(),
      notes: sequenceNotes(sequence, locale),
    })),
  );
}
