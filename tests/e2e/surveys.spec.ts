import type { APIRequestContext, Page } from '@playwright/test';
import { expect, expectAccessible, lookAt, newPerson, test } from './fixtures.ts';
import { AccountPages } from './pages/account.page.ts';

async function call(request: APIRequestContext, method: string, path: string, data?: object) {
  const response = await request.fetch(path, { method, data });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/** One member's answers to the evaluation template, through its form. */
async function answerEvaluation(
  page: Page,
  surveyUrl: string,
  a: { practice: string; trust: string; help: string; feeling: string; recommend: string; learnt: string },
) {
  await page.goto(surveyUrl);
  await expect(page.getByText('Ce questionnaire est anonyme')).toBeVisible();
  const question = (name: RegExp) => page.getByRole('group', { name });
  await question(/Le cercle a changé ma façon de travailler/)
    .getByRole('radio', { name: a.practice })
    .check();
  await question(/libre de partager mes difficultés/)
    .getByRole('radio', { name: a.trust })
    .check();
  await question(/L’entraide entre membres/)
    .getByRole('radio', { name: a.help })
    .check();
  await question(/Qu’est-ce qui a freiné/)
    .getByRole('checkbox', { name: 'Le manque de temps' })
    .check();
  await page.getByLabel('Ce que j’ai appris, sur mon métier, sur moi, sur les autres').fill(a.learnt);
  await question(/Comment vous êtes-vous senti/)
    .getByRole('radio', { name: a.feeling, exact: true })
    .check();
  await question(/Recommanderiez-vous/)
    .getByRole('radio', { name: a.recommend, exact: true })
    .check();
  await lookAt(page, `survey-form-${a.practice.slice(0, 1)}`, { fullPage: true });
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('Merci, vos réponses sont enregistrées.')).toBeVisible();
}

/**
 * A circle evaluates its cycle: the facilitator creates the questionnaire from the evaluation
 * template, three members answer it anonymously, results stay hidden until the close, then the
 * charts read the same figures as their tables, and the page prints.
 */
test('create from the template, answer as three members, read the charts, print', async ({
  page,
  browser,
  pageProblems,
}) => {
  await new AccountPages(page).signUpThroughApi(newPerson('Sandrine'));
  const slug = `evaluation-${Date.now().toString(36)}`;
  await call(page.request, 'POST', '/api/v1/communities', {
    name: 'Évaluation en test',
    slug,
    joinPolicy: 'open',
  });
  const circle = await call(page.request, 'POST', `/api/v1/communities/${slug}/circles`, {
    name: 'Cercle des boussoles',
    kind: 'learning_circle',
    visibility: 'community',
  });
  const members: Page[] = [];
  for (const name of ['Bernard', 'Julie', 'Nadia']) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const memberPage = await context.newPage();
    await new AccountPages(memberPage).signUpThroughApi(newPerson(name));
    const me = await call(memberPage.request, 'GET', '/api/v1/me');
    await call(memberPage.request, 'POST', `/api/v1/communities/${slug}/members`, {});
    await call(page.request, 'POST', `/api/v1/circles/${circle.id}/members`, { userId: me.user.id });
    members.push(memberPage);
  }

  // The facilitator creates it from the circle page, with the evaluation template.
  await page.goto(`/circles/${circle.id}`);
  await page.getByRole('link', { name: 'Nouveau questionnaire' }).click();
  await expect(page.getByRole('radio', { name: /Évaluation d’un cercle d’apprentissage/ })).toBeChecked();
  await page.getByLabel('Titre').fill('Bilan du cycle des boussoles');
  await page.getByLabel('Résultats visibles à partir de').fill('3');
  await lookAt(page, 'survey-new', { fullPage: true });
  await page.getByRole('button', { name: 'Créer le questionnaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bilan du cycle des boussoles' })).toBeVisible();
  const surveyUrl = new URL(page.url()).pathname;
  const surveyId = surveyUrl.split('/').pop() ?? '';
  // Before anyone answers, its organiser may still reword it.
  await page.getByRole('link', { name: 'Modifier' }).click();
  await page.getByLabel('Présentation').fill('Dix minutes, avant le REX de septembre.');
  await lookAt(page, 'survey-edit', { fullPage: true });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Dix minutes, avant le REX de septembre.')).toBeVisible();

  const [bernard, julie, nadia] = members as [Page, Page, Page];
  await answerEvaluation(bernard, surveyUrl, {
    practice: '4',
    trust: '5 : Tout à fait d’accord',
    help: '4',
    feeling: 'Très bien',
    recommend: '10 : Très probable',
    learnt: 'Écouter avant de proposer',
  });
  await lookAt(bernard, 'survey-answered');
  await answerEvaluation(julie, surveyUrl, {
    practice: '5 : Tout à fait d’accord',
    trust: '4',
    help: '3',
    feeling: 'Bien',
    recommend: '9',
    learnt: 'Le codéveloppement',
  });
  // A required answer left out is named before anything is sent.
  await nadia.goto(surveyUrl);
  await nadia.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(nadia.getByText('Il manque 5 réponses obligatoires.')).toBeVisible();
  await answerEvaluation(nadia, surveyUrl, {
    practice: '2',
    trust: '3',
    help: '2',
    feeling: 'Mitigé',
    recommend: '6',
    learnt: 'Prendre le temps',
  });

  // Open and anonymous: only the count, for everyone.
  await page.goto(`${surveyUrl}/results`);
  await expect(page.getByText('3 personnes ont répondu.')).toBeVisible();
  await expect(page.getByText(/s’afficheront à sa clôture/)).toBeVisible();
  await expect(page.getByRole('img')).toHaveCount(0);

  await page.goto(surveyUrl);
  await page.getByRole('button', { name: 'Clore le questionnaire' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Clore le questionnaire' }).click();
  await expect(page.getByText('Ce questionnaire est clos')).toBeVisible();

  // The charts: each with its title, description and the numbers as a table beside it.
  await page.getByRole('link', { name: 'Voir les résultats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Résultats' })).toBeVisible();
  const practice = page.getByRole('figure', { name: 'Le cercle a changé ma façon de travailler' });
  await expect(practice.getByRole('img')).toBeVisible();
  const practiceTable = practice.getByRole('table');
  await expect(practiceTable.getByRole('row', { name: /^5/ })).toContainText('1');
  await expect(practiceTable.getByRole('row', { name: /^4/ })).toContainText('1');
  await expect(practiceTable.getByRole('row', { name: /^2/ })).toContainText('1');
  await expect(page.getByText('3 réponses · moyenne 3,67 · médiane 4')).toBeVisible();
  // NPS: 10 and 9 promote, 6 detracts: (2 − 1) / 3 = +33.
  await expect(page.getByText('NPS +33')).toBeVisible();
  const feeling = page.getByRole('figure', { name: 'Comment vous êtes-vous senti·e dans ce cercle ?' });
  await expect(feeling.getByRole('table').getByRole('row', { name: /Très bien/ })).toContainText('1');
  for (const text of ['Écouter avant de proposer', 'Le codéveloppement', 'Prendre le temps']) {
    await expect(page.getByText(text)).toBeVisible();
  }
  await lookAt(page, 'survey-results', { fullPage: true });
  await expectAccessible(page, 'the results page');

  // Printed: the charts and their tables, without the buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
  await expect(practice.getByRole('img')).toBeVisible();
  await lookAt(page, 'survey-results-print', { fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The responses as CSV, one row per response.
  const csv = await page.request.get(`/api/v1/surveys/${surveyId}/results.csv?separator=semicolon`);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(4);
  expect(pageProblems).toEqual([]);
});
