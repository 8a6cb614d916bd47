import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { newPerson, type Person } from '../fixtures.ts';
import { AccountPages } from './account.page.ts';

/** What a facilitator sets up in their first hour: a private circle with one of everything. */
export interface FacilitatorSpace {
  facilitator: Person;
  slug: string;
  circleId: string;
  sessionId: string;
  boardId: string;
  pollId: string;
  datePollId: string;
  sheetId: string;
}

export async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** Signs a new facilitator up in `page` and builds their private circle through the API. */
export async function setUpFacilitator(page: Page, firstName = 'Fanny'): Promise<FacilitatorSpace> {
  const facilitator = newPerson(firstName);
  await new AccountPages(page).signUp(facilitator);
  const slug = `premiere-heure-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Première heure',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle privé',
    kind: 'learning_circle',
    visibility: 'private',
  });
  // On a whole minute, as the session form makes them: the agenda editor works in minutes.
  const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000);
  const session = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/sessions`, {
    title: 'Séance de rentrée',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 120 * 60_000).toISOString(),
  });
  const board = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/boards`, { title: 'Idées' });
  const poll = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/polls`, {
    title: 'Quel thème ?',
    kind: 'single',
    options: ['Coopération', 'Écoute'],
  });
  const soon = Date.now() + 7 * 86_400_000;
  const datePoll = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/date-polls`, {
    title: 'Prochaine date',
    slots: [{ startsAt: new Date(soon).toISOString(), endsAt: new Date(soon + 3_600_000).toISOString() }],
  });
  const sheet = await call(page.request, 'POST', `/api/v1/circles/${circle.id}/signup-sheets`, {
    title: 'Qui anime ?',
    topics: [{ title: 'Accueil', capacity: 2 }],
  });
  return {
    facilitator,
    slug,
    circleId: circle.id,
    sessionId: session.id,
    boardId: board.id,
    pollId: poll.id,
    datePollId: datePoll.id,
    sheetId: sheet.id,
  };
}
