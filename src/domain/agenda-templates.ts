import type { AgendaItemKind } from './session.ts';

/** Method templates: an agenda in one click, with the method's customary timings. */
export const agendaTemplateIds = ['codev', 'arpentage', 'open_space', 'retrospective', 'plain'] as const;
export type AgendaTemplateId = (typeof agendaTemplateIds)[number];

interface TemplateStep {
  title: { fr: string; en: string };
  minutes: number;
  kind: AgendaItemKind;
}

const step = (fr: string, en: string, minutes: number, kind: AgendaItemKind): TemplateStep => ({
  title: { fr, en },
  minutes,
  kind,
});

const templates: Record<AgendaTemplateId, TemplateStep[]> = {
  codev: [
    step('Tour de météo', 'Check-in round', 10, 'checkin'),
    step('Exposé de la situation par le client', 'The client presents the situation', 15, 'discussion'),
    step('Questions de clarification', 'Clarifying questions', 15, 'discussion'),
    step(
      'Contrat : ce sur quoi le client veut être aidé',
      'Contract: what the client wants help with',
      5,
      'discussion',
    ),
    step('Consultation', 'Consultation', 25, 'discussion'),
    step("Synthèse et plan d'action du client", "The client's synthesis and action plan", 10, 'discussion'),
    step('Apprentissages de chacun', 'What each of us learned', 10, 'closing'),
  ],
  arpentage: [
    step('Tour de météo', 'Check-in round', 10, 'checkin'),
    step(
      "Découverte de l'ouvrage : couverture, quatrième, sommaire",
      'Discovering the book: cover, back, contents',
      10,
      'discussion',
    ),
    step('Partage du livre entre les lecteurs', 'Sharing the book out among the readers', 5, 'discussion'),
    step('Lecture individuelle', 'Individual reading', 40, 'discussion'),
    step('Restitution de chaque partie', 'Each reader reports on their part', 30, 'discussion'),
    step('Mots-clés et débat', 'Key words and debate', 20, 'discussion'),
  ],
  open_space: [
    step(
      'Ouverture : thème et principes du forum ouvert',
      'Opening: theme and open-space principles',
      15,
      'discussion',
    ),
    step('Place du marché : proposition des sujets', 'Marketplace: proposing topics', 20, 'board'),
    step('Ateliers', 'Breakout sessions', 60, 'discussion'),
    step('Restitution des ateliers', 'Reports from the sessions', 20, 'feedback'),
    step('Cercle de clôture', 'Closing circle', 10, 'closing'),
  ],
  retrospective: [
    step('Tour de météo', 'Check-in round', 10, 'checkin'),
    step('Rappel des intentions de départ', 'Reminder of the initial intentions', 10, 'discussion'),
    step('Ce qui a bien fonctionné', 'What worked well', 15, 'board'),
    step('Ce qui a moins bien fonctionné', 'What worked less well', 15, 'board'),
    step('Enseignements à partager', 'Lessons to share', 15, 'feedback'),
    step('Prochains pas', 'Next steps', 10, 'closing'),
  ],
  plain: [
    step('Tour de météo', 'Check-in round', 10, 'checkin'),
    step('Sujets du jour', "Today's topics", 40, 'discussion'),
    step('Prochains pas', 'Next steps', 10, 'closing'),
  ],
};

export interface TemplateItem {
  title: string;
  kind: AgendaItemKind;
  startsAt: number;
  endsAt: number;
}

/** The template's steps laid end to end from the session's start, in the viewer's language. */
export function buildAgendaFromTemplate(
  id: AgendaTemplateId,
  sessionStartsAt: number,
  locale: 'fr' | 'en',
): TemplateItem[] {
  let cursor = sessionStartsAt;
  return templates[id].map((templateStep) => {
    const startsAt = cursor;
    cursor += templateStep.minutes * 60_000;
    return { title: templateStep.title[locale], kind: templateStep.kind, startsAt, endsAt: cursor };
  });
}
