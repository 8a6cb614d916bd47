import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { JobContext } from '../../jobs/job-runner.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { deliverOnce, findRecipient, type MailDeps } from '../../mail/mail-delivery.ts';
import { mailText } from '../../mail/mail-i18n.ts';
import { formatWhen, type Locale, type TemplateOutput } from '../../mail/mail-templates.ts';
import { defineJob } from '../feature-descriptor.ts';
import { getSurveyAccess, isAnonymous, isoOrNull, type SurveyRow } from './survey-access.ts';

export const surveyReminderKind = 'mail.survey-reminder';

/**
 * The people asked to answer who have not: the audience (a session's listed people, or the circle's
 * or the community's members) minus survey_respondents. It reads who has answered, never answers.
 * People without an account of their own (placeholders) have no address to write to.
 */
export async function peopleToRemind(db: Kysely<DB>, survey: SurveyRow): Promise<string[]> {
  const audience = audienceOf(db, survey);
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.id', 'in', audience)
    .where('u.isPlaceholder', '=', false)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('surveyRespondents as r')
            .select('r.userId')
            .where('r.surveyId', '=', survey.id)
            .whereRef('r.userId', '=', 'u.id'),
        ),
      ),
    )
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

/** Everyone asked to answer, by user id (the SQL the reminders start from). */
function audienceOf(db: Kysely<DB>, survey: SurveyRow) {
  if (survey.audience === 'participants' && survey.sessionId) {
    return db
      .selectFrom('sessionParticipants as p')
      .select('p.userId as id')
      .where('p.sessionId', '=', survey.sessionId)
      .where('p.status', '!=', 'excused')
      .where('p.userId', 'is not', null);
  }
  if (survey.circleId) {
    return db
      .selectFrom('circleMembers as m')
      .select('m.userId as id')
      .where('m.circleId', '=', survey.circleId)
      .where('m.status', '=', 'member');
  }
  return db
    .selectFrom('communityMembers as m')
    .select('m.userId as id')
    .where('m.communityId', '=', survey.communityId)
    .where('m.status', '=', 'active');
}

/**
 * One reminder per person per questionnaire and `round`: the day's date for the organiser's button
 * (however often it is pressed), `before-close` for the automatic one.
 */
export async function enqueueReminders(db: Kysely<DB>, survey: SurveyRow, round: string): Promise<number> {
  const people = await peopleToRemind(db, survey);
  for (const userId of people) {
    await enqueueJob(db, {
      kind: surveyReminderKind,
      payload: { surveyId: survey.id, userId },
      key: `survey-reminder:${survey.id}:${userId}:${round}`,
    });
  }
  return people.length;
}

const HOUR = 3_600_000;
/** The automatic reminder goes this long before the closing time… */
export const AUTO_REMINDER_HOURS = 24;

/**
 * The automatic reminder, on the once-a-minute tick: the questionnaires that close within the next
 * 24 hours, were opened more than 24 hours before it (a questionnaire made to close the same day
 * reminds nobody by itself), and are not closed by hand, remind those who have not answered, once
 * (`before-close` keys: every instance and every tick after the first creates nothing more).
 */
export async function remindBeforeClose(db: Kysely<DB>, now: Date): Promise<void> {
  const openedBefore = new Date(now.getTime() - AUTO_REMINDER_HOURS * HOUR).toISOString();
  const surveys = await db
    .selectFrom('surveys')
    .selectAll()
    .where('closedAt', 'is', null)
    .where('closesAt', '>', now.toISOString())
    .where('closesAt', '<=', new Date(now.getTime() + AUTO_REMINDER_HOURS * HOUR).toISOString())
    .where('createdAt', '<=', openedBefore)
    .where((eb) => eb.or([eb('opensAt', 'is', null), eb('opensAt', '<=', openedBefore)]))
    .execute();
  for (const survey of surveys) {
    await db.transaction().execute((trx) => enqueueReminders(trx, survey, 'before-close'));
  }
}

export function surveyReminderMail(
  locale: Locale,
  d: {
    name: string;
    surveyTitle: string;
    place: string;
    closes: string | null;
    anonymous: boolean;
    url: string;
  },
): TemplateOutput {
  const t = mailText(locale);
  return {
    subject: t('surveyReminder.subject', { surveyTitle: d.surveyTitle }),
    blocks: [
      { kind: 'paragraph', text: d.name ? t('hello', { name: d.name }) : t('helloAlone') },
      { kind: 'paragraph', text: t('surveyReminder.body', { surveyTitle: d.surveyTitle, place: d.place }) },
      ...(d.closes
        ? [{ kind: 'paragraph' as const, text: t('surveyReminder.closes', { when: d.closes }) }]
        : []),
      ...(d.anonymous ? [{ kind: 'paragraph' as const, text: t('surveyReminder.anonymous') }] : []),
      { kind: 'button', label: t('surveyReminder.answer'), url: d.url },
    ],
    reason: t('surveyReminder.reason'),
  };
}

/**
 * Sends one reminder, checked when it is sent: the questionnaire is still open, the person still
 * may answer it, and has still not answered (a reminder never reaches someone who has).
 */
export const surveyReminderJob = defineJob({
  kind: surveyReminderKind,
  payload: z.object({ surveyId: z.string().min(1).max(100), userId: z.string().min(1).max(100) }),
  handle: ({ surveyId, userId }, context, { mail }) => sendReminder(mail, surveyId, userId, context),
});

async function sendReminder(deps: MailDeps, surveyId: string, userId: string, context: JobContext) {
  const recipient = await findRecipient(deps.db, userId);
  if (!recipient) return;
  const access = await getSurveyAccess(deps.db, surveyId, { id: userId, isAdmin: recipient.isAdmin }).catch(
    () => undefined,
  );
  if (!access?.abilities.takePart) return;
  const answered = await deps.db
    .selectFrom('surveyRespondents')
    .select('userId')
    .where('surveyId', '=', surveyId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (answered) return;
  const { survey, scope } = access;
  const place = scope.kind === 'circle' ? scope.circleName : scope.communitySlug;
  const closesAt = isoOrNull(survey.closesAt);
  const community = await deps.db
    .selectFrom('communities')
    .select('timeZone')
    .where('id', '=', survey.communityId)
    .executeTakeFirstOrThrow();
  await deliverOnce(deps, {
    key: context.job.key ?? `job:${context.job.id}`,
    jobId: context.job.id,
    recipient,
    category: 'notification',
    content: surveyReminderMail(recipient.locale, {
      name: recipient.name,
      surveyTitle: survey.title,
      place,
      closes: closesAt
        ? formatWhen(recipient.locale, new Date(closesAt), null, community.timeZone, community.timeZone)
        : null,
      anonymous: isAnonymous(survey),
      url: `${deps.publicUrl}/surveys/${survey.id}`,
    }),
  });
}
