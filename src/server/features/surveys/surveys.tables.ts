import type { ColumnType } from 'kysely';
import type { SurveyAudience } from '../../../domain/survey.ts';
import type { Timestamp } from '../../db/schema.ts';

/** A questionnaire of a circle (optionally following one of its sessions) or of a whole community. */
export interface SurveysTable {
  id: string;
  communityId: string;
  circleId: string | null;
  sessionId: string | null;
  title: string;
  description: string;
  /** The template its questions were copied from (a built-in id or a community template's id). */
  templateId: string | null;
  anonymous: ColumnType<boolean | number, boolean, boolean>;
  audience: SurveyAudience;
  minRespondents: number;
  /** JSON: SurveyQuestion[] (domain/survey.ts), ids included. */
  questions: string;
  /** Audience `link`: the token of the link given to guests. */
  shareToken: string | null;
  opensAt: Timestamp | null;
  closesAt: Timestamp | null;
  closedAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A community's own questionnaires kept as templates. */
export interface SurveyTemplatesTable {
  id: string;
  communityId: string;
  title: string;
  description: string;
  /** JSON: SurveyQuestion[]. */
  questions: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

/**
 * One row per response. Named questionnaires: `userId` (or a guest's name) and `updatedAt`.
 * Anonymous ones: no person, no time, a random id; only the hash of the receipt (members) or of the
 * edit token (guests) finds it again, for its holder.
 */
export interface SurveyResponsesTable {
  id: string;
  surveyId: string;
  userId: string | null;
  guestName: string | null;
  receiptHash: string | null;
  /** JSON: Answer[] in question order. */
  answers: string;
  updatedAt: Timestamp | null;
}

/** Who has answered (members only, anonymous or not): for "has answered" and reminders, nothing else. */
export interface SurveyRespondentsTable {
  surveyId: string;
  userId: string;
}

declare module '../../db/schema.ts' {
  interface DB {
    surveys: SurveysTable;
    surveyTemplates: SurveyTemplatesTable;
    surveyResponses: SurveyResponsesTable;
    surveyRespondents: SurveyRespondentsTable;
  }
}
