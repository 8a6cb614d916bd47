import { type CreateTableBuilder, type Kysely, type Migration, sql } from 'kysely';
import { columnTypes } from '../../../db/columns.ts';
import type { DialectName } from '../../../db/database.ts';

/**
 * Questionnaires, a community's templates, responses and respondents. As for anonymous polls,
 * "has answered" (survey_respondents) is kept apart from the responses, which in an anonymous
 * questionnaire carry no person, no time and a random id; on SQLite both are WITHOUT ROWID tables,
 * so not even the insertion order pairs a respondent with a response.
 */
export function surveysTables(dialect: DialectName): Migration {
  const t = columnTypes(dialect);
  const withoutRowid = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>) =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('surveys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
        .addColumn('session_id', 'text', (c) => c.references('sessions.id').onDelete('set null'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('template_id', 'text')
        .addColumn('anonymous', t.flag, (c) => c.notNull())
        .addColumn('audience', 'text', (c) =>
          c.notNull().check(sql`audience in ('members', 'participants', 'link')`),
        )
        .addColumn('min_respondents', 'integer', (c) => c.notNull().check(sql`min_respondents >= 3`))
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('share_token', 'text', (c) => c.unique())
        .addColumn('opens_at', t.timestamp)
        .addColumn('closes_at', t.timestamp)
        .addColumn('closed_at', t.timestamp)
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .addColumn('updated_at', t.timestamp, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('surveys_circle_idx')
        .on('surveys')
        .columns(['circle_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('surveys_community_idx')
        .on('surveys')
        .columns(['community_id', 'created_at'])
        .execute();
      await db.schema.createIndex('surveys_template_idx').on('surveys').columns(['template_id']).execute();

      await db.schema
        .createTable('survey_templates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('community_id', 'text', (c) =>
          c.notNull().references('communities.id').onDelete('cascade'),
        )
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('questions', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', t.timestamp, (c) => c.notNull())
        .execute();

      await withoutRowid(
        db.schema
          .createTable('survey_responses')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
          .addColumn('guest_name', 'text')
          .addColumn('receipt_hash', 'text', (c) => c.unique())
          .addColumn('answers', 'text', (c) => c.notNull())
          .addColumn('updated_at', t.timestamp)
          .addUniqueConstraint('survey_responses_person_unique', ['survey_id', 'user_id']),
      ).execute();
      await db.schema
        .createIndex('survey_responses_survey_idx')
        .on('survey_responses')
        .columns(['survey_id'])
        .execute();

      await withoutRowid(
        db.schema
          .createTable('survey_respondents')
          .addColumn('survey_id', 'text', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('survey_respondents_pk', ['survey_id', 'user_id']),
      ).execute();
    },
  };
}
