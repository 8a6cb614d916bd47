import { randomUUID } from 'node:crypto';
import { foldText, letterOf } from '../../domain/glossary.ts';
import { templateQuestions } from '../features/surveys/surveys.public.ts';
import { insertRows } from './bulk-insert.ts';
import { randomFrom, sentence, word, words } from './scale-text.ts';
import type { ScaleWorld } from './seed-scale.ts';

const day = 86_400_000;
const departements = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((code) => code !== '20'),
  '2A',
  '2B',
];
const REGISTRATIONS_PER_EVENT = 100;
const RESPONSES_PER_SURVEY = 10;

/** The wave-2 objects: glossary, events and registrations, questionnaires and answers, designs, territories. */
export async function seedScaleWave2(world: ScaleWorld): Promise<Record<string, number>> {
  const { db, counts, communityId, circleIds, userIds, circleMembersOf } = world;
  const scale = counts.circles / 10_000;
  const random = randomFrom(5);
  const iso = (offsetDays: number) => new Date(world.now + offsetDays * day).toISOString();
  const person = (n: number) => userIds[1 + (n % (userIds.length - 1))];
  const rows: Record<string, number> = {};

  const glossary = Array.from({ length: Math.max(50, Math.round(2000 * scale)) }, (_, n) => {
    const term = `${word(random)} ${n + 1}`;
    const status = n % 4 === 0 ? 'proposed' : n % 4 === 1 ? 'selected' : 'published';
    return {
      id: randomUUID(),
      term,
      status,
      definition: sentence(random, 10, 30),
      at: iso(-300 + (n % 300)),
    };
  });
  rows.glossary_entries = await insertRows(
    db,
    'glossary_entries',
    [
      'id',
      'community_id',
      'term',
      'term_key',
      'letter',
      'status',
      'definition',
      'argument',
      'search_text',
      'revision',
      'created_by',
      'created_at',
      'updated_at',
    ],
    glossary.map((g, n) => [
      g.id,
      communityId,
      g.term,
      foldText(g.term),
      letterOf(g.term),
      g.status,
      g.definition,
      '',
      foldText(`${g.term} ${g.definition}`),
      1,
      person(n),
      g.at,
      g.at,
    ]),
  );
  rows.glossary_revisions = await insertRows(
    db,
    'glossary_revisions',
    [
      'entry_id',
      'revision',
      'author_id',
      'term',
      'status',
      'definition',
      'argument',
      'examples',
      'sources',
      'related_ids',
      'created_at',
    ],
    glossary.map((g, n) => [g.id, 1, person(n), g.term, g.status, g.definition, '', '[]', '[]', '[]', g.at]),
  );

  const events = Array.from({ length: Math.max(5, Math.round(200 * scale)) }, (_, e) => ({
    id: randomUUID(),
    starts: -200 + e * 2,
  }));
  rows.events = await insertRows(
    db,
    'events',
    [
      'id',
      'community_id',
      'title',
      'description',
      'starts_at',
      'ends_at',
      'time_zone',
      'visibility',
      'capacity',
      'created_by',
      'created_at',
      'updated_at',
    ],
    events.map((ev, e) => [
      ev.id,
      communityId,
      `Rencontre ${e + 1} : ${words(random, 2, 5)}`,
      sentence(random, 10, 30),
      iso(ev.starts),
      iso(ev.starts + 0.3),
      'Europe/Paris',
      e % 2 === 0 ? 'public' : 'community',
      150,
      person(e),
      iso(ev.starts - 60),
      iso(ev.starts - 60),
    ]),
  );
  rows.event_registrations = await insertRows(
    db,
    'event_registrations',
    ['id', 'event_id', 'user_id', 'status', 'position', 'created_at', 'placed_at'],
    (function* () {
      for (const [e, ev] of events.entries())
        for (let k = 0; k < REGISTRATIONS_PER_EVENT; k++)
          yield [
            randomUUID(),
            ev.id,
            person(e * 997 + k * 31),
            'confirmed',
            k + 1,
            iso(ev.starts - 30),
            iso(ev.starts - 30),
          ];
    })(),
  );

  const { questions } = await templateQuestions(db, 'circle-evaluation', communityId, 'fr');
  const answers = JSON.stringify(
    questions.filter((q) => q.kind === 'scale').map((q) => ({ questionId: q.id, value: q.max ?? 4 })),
  );
  const surveys = circleIds.flatMap((circleId, c) =>
    c % 10 === 0 ? [{ id: randomUUID(), c, circleId }] : [],
  );
  rows.surveys = await insertRows(
    db,
    'surveys',
    [
      'id',
      'community_id',
      'circle_id',
      'title',
      'description',
      'template_id',
      'anonymous',
      'audience',
      'min_respondents',
      'questions',
      'closed_at',
      'created_by',
      'created_at',
      'updated_at',
    ],
    surveys.map((s) => [
      s.id,
      communityId,
      s.circleId,
      'Évaluation du cercle',
      '',
      'circle-evaluation',
      false,
      'members',
      5,
      JSON.stringify(questions),
      iso(-10),
      userIds[circleMembersOf(s.c)[0] ?? 1],
      iso(-40),
      iso(-10),
    ]),
  );
  rows.survey_responses = await insertRows(
    db,
    'survey_responses',
    ['id', 'survey_id', 'user_id', 'answers', 'updated_at'],
    (function* () {
      for (const s of surveys) {
        const members = circleMembersOf(s.c);
        for (let k = 0; k < Math.min(RESPONSES_PER_SURVEY, members.length); k++)
          yield [randomUUID(), s.id, userIds[members[k] ?? 1], answers, iso(-20)];
      }
    })(),
  );

  const sequences = JSON.stringify([
    { title: 'Accueil et tour de météo', minutes: 15, method: 'Chacun·e donne sa météo.', lead: 'Animation' },
    {
      title: 'Le cas du jour',
      minutes: 45,
      method: 'Un cas, des questions, des conseils.',
      lead: 'Facilitation',
    },
    { title: 'Clôture', minutes: 10, method: 'Un mot chacun·e.', lead: 'Animation' },
  ]);
  rows.learning_designs = await insertRows(
    db,
    'learning_designs',
    [
      'id',
      'community_id',
      'title',
      'objectives',
      'audience',
      'sequences',
      'created_by',
      'created_at',
      'updated_at',
    ],
    Array.from({ length: Math.max(10, Math.round(500 * scale)) }, (_, n) => [
      randomUUID(),
      communityId,
      `Scénario ${n + 1} : ${words(random, 2, 5)}`,
      JSON.stringify([sentence(random, 5, 12)]),
      'Membres des cercles',
      sequences,
      person(n),
      iso(-200),
      iso(-200),
    ]),
  );

  rows.territory_links = await insertRows(
    db,
    'territory_links',
    ['subject_kind', 'subject_id', 'code'],
    (function* () {
      for (const [c, id] of circleIds.entries()) yield ['circle', id, departements[c % departements.length]];
      for (let i = 1; i < userIds.length; i += 2)
        yield ['user', userIds[i], departements[(i * 7) % departements.length]];
    })(),
  );
  return rows;
}
