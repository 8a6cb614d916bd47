import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, type Person, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';
import { DatePollPage } from './pages/date-poll.page.ts';
import { SignupSheetPage } from './pages/signup-sheet.page.ts';

const shoot = (page: Page, name: string) => lookAt(page, name, { fullPage: true });

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.status() === 204 ? null : response.json();
}

/** An organiser with a circle, and a second member in another browser context. */
async function circleWithMember(page: Page, browser: import('@playwright/test').Browser, organiser: Person) {
  await new AccountPages(page).signUpThroughApi(organiser);
  const slug = `riposte-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', { name: 'Riposte', slug, joinPolicy: 'open' });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Équipe d’animation',
    kind: 'animation_team',
    visibility: 'private',
  });
  const memberContext = await browser.newContext({ locale: 'fr-FR' });
  const member = newPerson('Bernard');
  await call(memberContext.request, 'POST', '/api/v1/auth/register', member);
  const me = await call(memberContext.request, 'GET', '/api/v1/me');
  await call(memberContext.request, 'POST', `/api/v1/communities/${slug}/members`, {});
  await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });
  return { circle, memberContext, member };
}

test('a member answers, a guest answers through the link and edits through the private link, the organiser closes into a session', async ({
  page,
  browser,
  pageProblems,
}) => {
  const organiser = newPerson('Florent');
  const { circle, memberContext, member } = await circleWithMember(page, browser, organiser);
  await page.goto(`/circles/${circle.id}`);
  await expect(page.getByRole('heading', { name: 'Sondages de dates' })).toBeVisible();
  const polls = new DatePollPage(page);
  await polls.create('Deux séances de travail', [
    ['2027-03-23', '12:00', '13:30'],
    ['2027-03-25', '12:00', '13:30'],
    ['2027-03-30', '14:00', '15:30'],
  ]);
  await expect(polls.grid().getByRole('columnheader', { name: /mardi 23 mars 2027/ })).toBeVisible();
  const link = await polls.shareLink();

  // Bernard, a member, answers with his account.
  const bernard = await memberContext.newPage();
  await bernard.goto(page.url());
  const bernardPoll = new DatePollPage(bernard);
  await bernardPoll.choose(0, 'Non');
  await bernardPoll.choose(1, 'Oui');
  await bernardPoll.choose(2, 'Si besoin');
  await bernard.getByLabel(/Commentaire/).fill('Le jeudi m’arrange mieux.');
  await bernardPoll.save();
  await expect(bernard.getByText('Vos réponses sont enregistrées.')).toBeVisible();
  await expectAccessible(bernard, 'date poll (member answering)');

  // Julie has no account: she answers through the shareable link, then edits with her private link.
  const guestContext = await browser.newContext({ locale: 'fr-FR' });
  const julie = await guestContext.newPage();
  await julie.goto(link);
  await expect(julie.getByRole('heading', { level: 1, name: 'Deux séances de travail' })).toBeVisible();
  const juliePoll = new DatePollPage(julie);
  const editLink = await juliePoll.answerAsGuest('Julie', [
    [0, 'Oui'],
    [1, 'Si besoin'],
  ]);
  await expectAccessible(julie, 'guest answer saved');
  await shoot(julie, 'guest-link');
  await julie.goto(editLink);
  await expect(julie.getByRole('heading', { name: 'Réponse de Julie' })).toBeVisible();
  await expect(
    juliePoll.grid().getByRole('group').nth(1).getByRole('radio', { name: 'Si besoin' }),
  ).toBeChecked();
  await juliePoll.choose(1, 'Oui');
  await juliePoll.save();
  await expect(julie.getByText('Vos réponses sont enregistrées.')).toBeVisible();
  await expectAccessible(julie, 'guest private edit page');
  await julie.goto(editLink.replace(/guest\/[^/]+$/, 'guest/not-the-token'));
  await expect(julie.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();

  // The organiser sees the best slot, in words, and closes the poll on it.
  await page.reload();
  await expect(polls.grid().getByRole('columnheader', { name: /Meilleur créneau/ })).toHaveCount(1);
  await expect(
    polls.grid().getByRole('columnheader', { name: /12:00 – 13:30\s*★ Meilleur créneau/ }),
  ).toBeVisible();
  await expect(polls.grid().getByRole('rowheader', { name: /Julie \(invité·e\)/ })).toBeVisible();
  await expectAccessible(page, 'date poll (organiser)');
  await shoot(page, 'date-poll-organiser');
  await polls.close(/jeudi 25 mars 2027/);
  await expect(page.getByRole('heading', { level: 1, name: 'Deux séances de travail' })).toBeVisible();
  await expect(page).toHaveURL(/\/sessions\//);
  await expect(page.getByText(member.name).first()).toBeVisible();
  await expect(page.getByText('Julie').first()).toBeVisible();
  await shoot(page, 'session-from-poll');

  // The session is on the circle's page; the poll says it is closed.
  await page.goto(`/circles/${circle.id}`);
  await expect(page.getByRole('link', { name: 'Deux séances de travail' }).first()).toBeVisible();
  await expect(page.getByText('Clos', { exact: true })).toBeVisible();
  await shoot(page, 'circle-page');
  await bernard.reload();
  await expect(bernard.getByText('Sondage clos : la séance est créée.')).toBeVisible();
  expect(pageProblems).toEqual([]);
  await guestContext.close();
  await memberContext.close();
});

test('the organiser closes a poll on two slots and finds both sessions, each with its own people', async ({
  page,
  browser,
  pageProblems,
}) => {
  const organiser = newPerson('Florent');
  const { circle, memberContext, member } = await circleWithMember(page, browser, organiser);
  await page.goto(`/circles/${circle.id}`);
  const polls = new DatePollPage(page);
  await polls.create('Deux séances de travail', [
    ['2027-03-23', '12:00', '13:30'],
    ['2027-03-25', '12:00', '13:30'],
    ['2027-03-30', '14:00', '15:30'],
  ]);
  const pollUrl = page.url();
  const bernard = await memberContext.newPage();
  await bernard.goto(pollUrl);
  const bernardPoll = new DatePollPage(bernard);
  await bernardPoll.choose(0, 'Oui');
  await bernardPoll.choose(1, 'Non');
  await bernardPoll.choose(2, 'Non');
  await bernardPoll.save();
  await expect(bernard.getByText('Vos réponses sont enregistrées.')).toBeVisible();
  await polls.choose(0, 'Non');
  await polls.choose(1, 'Non');
  await polls.choose(2, 'Oui');
  await polls.save();
  await expect(page.getByText('Vos réponses sont enregistrées.')).toBeVisible();

  await page.reload();
  await expect(page.getByRole('group', { name: 'Créneaux retenus' })).toBeVisible();
  await shoot(page, 'date-poll-close-two');
  await polls.close(/mardi 23 mars 2027/, /mardi 30 mars 2027/);
  await expect(page.getByText('Sondage clos : 2 séances sont créées.')).toBeVisible();
  const created = page.getByRole('list', { name: 'Séances créées' });
  await expect(created.getByRole('link')).toHaveCount(2);
  await expectAccessible(page, 'date poll closed on two slots');
  await shoot(page, 'date-poll-closed-two');

  // Each session invites the people of its own slot.
  await created.getByRole('link', { name: /mardi 23 mars 2027/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deux séances de travail' })).toBeVisible();
  const participants = page
    .getByRole('region', { name: /^Participant·e/ })
    .getByRole('list')
    .first();
  await expect(participants.getByRole('listitem')).toHaveCount(1);
  await expect(participants.getByText(member.name)).toBeVisible();
  await page.goBack();
  await page
    .getByRole('list', { name: 'Séances créées' })
    .getByRole('link', { name: /mardi 30 mars 2027/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deux séances de travail' })).toBeVisible();
  await expect(participants.getByRole('listitem')).toHaveCount(1);
  await expect(participants.getByText(organiser.name)).toBeVisible();

  // Both are on the circle's page.
  await page.goto(`/circles/${circle.id}`);
  await expect(
    page.getByRole('region', { name: 'Séances' }).getByRole('link', { name: 'Deux séances de travail' }),
  ).toHaveCount(2);
  expect(pageProblems).toEqual([]);
  await memberContext.close();
});

test('a sign-up sheet fills its places, puts the next person on the waitlist, promotes them, and becomes a working group', async ({
  page,
  browser,
  pageProblems,
}) => {
  const organiser = newPerson('Philippe');
  const { circle, memberContext } = await circleWithMember(page, browser, organiser);
  await page.goto(`/circles/${circle.id}`);
  const sheets = new SignupSheetPage(page);
  await sheets.create('Qui veut y travailler ?', [
    ['Retour d’expérience des cercles', '1'],
    ['Évaluation des cercles d’apprentissage', ''],
  ]);
  const rex = sheets.topic('Retour d’expérience des cercles');
  await rex.getByLabel(/Un mot pour les autres/).fill('Je peux animer la première séance');
  await rex.getByRole('button', { name: 'M’inscrire' }).click();
  await expect(page.getByText('C’est noté : vous êtes inscrit·e.')).toBeVisible();
  await expect(rex.getByRole('meter', { name: 'Places prises' })).toHaveAttribute('aria-valuenow', '1');

  const bernard = await memberContext.newPage();
  await bernard.goto(page.url());
  const bernardRex = new SignupSheetPage(bernard).topic('Retour d’expérience des cercles');
  await bernardRex.getByRole('button', { name: 'M’inscrire en liste d’attente' }).click();
  await expect(bernard.getByText(/Le sujet est complet : vous êtes en liste d’attente/)).toBeVisible();
  await expect(bernardRex.getByText('Vous êtes en liste d’attente (position 1)')).toBeVisible();
  await expectAccessible(bernard, 'sign-up sheet (waitlisted)');
  await shoot(bernard, 'signup-sheet-waitlisted');

  // The organiser withdraws: Bernard takes the place (live, without reloading).
  await rex.getByRole('button', { name: 'Me retirer' }).click();
  await expect(page.getByText('Votre inscription est retirée.')).toBeVisible();
  await expect(bernardRex.getByText('Vous êtes inscrit·e')).toBeVisible();

  await rex.getByRole('button', { name: 'Créer un groupe de travail' }).click();
  await rex.getByRole('link', { name: 'Voir le groupe de travail' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Retour d’expérience des cercles' }),
  ).toBeVisible();
  await expect(page.getByText('Groupe de travail').first()).toBeVisible();
  expect(pageProblems).toEqual([]);
  await memberContext.close();
});
