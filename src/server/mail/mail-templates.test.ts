import { describe, expect, it } from 'vitest';
import { listUnsubscribeHeaders } from './mail-delivery.ts';
import { renderMail } from './mail-layout.ts';
import {
  actionDueMail,
  circlePromotionMail,
  circleRenewalMail,
  datePollResultMail,
  formatWhen,
  invitationMail,
  type Locale,
  sessionReminderMail,
  signupPromotionMail,
  type TemplateOutput,
  weeklyDigestMail,
} from './mail-templates.ts';

const url = 'https://archipel.example/x?a=1&b=2';
const session = {
  name: 'Zoé',
  sessionTitle: 'Codev n°3',
  circleName: 'Cercle <RH>',
  when: 'jeudi',
  place: 'Visio',
  url,
};
const templates: Record<string, (locale: Locale) => TemplateOutput> = {
  invitation: (l) => invitationMail(l, { ...session, hasCalendarFile: true }),
  datePollResult: (l) =>
    datePollResultMail(l, {
      name: 'Zoé',
      title: 'Prochaine séance',
      circleName: 'Cercle <RH>',
      slot: 'mardi 9h',
      url,
    }),
  sessionReminder: (l) => sessionReminderMail(l, session),
  actionDue: (l) =>
    actionDueMail(l, { name: 'Zoé', actionTitle: 'Relire', circleName: 'Cercle <RH>', dueOn: 'demain', url }),
  weeklyDigest: (l) =>
    weeklyDigestMail(l, { name: 'Zoé', sessions: [{ text: 'Codev n°3', url }], actions: [], polls: [], url }),
  signupPromotion: (l) =>
    signupPromotionMail(l, { name: 'Zoé', sheetTitle: 'Forum', topicTitle: 'Atelier <IA>', url }),
  circlePromotion: (l) => circlePromotionMail(l, { name: 'Zoé', circleName: 'Cercle <RH>', url }),
  circleRenewal: (l) =>
    circleRenewalMail(l, {
      name: 'Zoé',
      circleName: 'Cercle <RH> 2',
      previousName: 'Cercle <RH>',
      isWaitlisted: false,
      url,
    }),
};

describe('mail templates', () => {
  it.each(Object.keys(templates))(
    'writes %s in French and English, html and a faithful text part',
    (name) => {
      const build = templates[name];
      if (!build) throw new Error(name);
      const [fr, en] = (['fr', 'en'] as const).map((locale) =>
        renderMail({
          locale,
          ...build(locale),
          footer: {
            reason: build(locale).reason,
            preferencesLabel: 'Prefs',
            preferencesUrl: 'https://archipel.example/profile',
            unsubscribeLabel: 'Unsub',
            unsubscribeUrl: 'https://archipel.example/unsubscribe/t',
          },
        }),
      );
      if (!fr || !en) throw new Error('render');
      expect(fr.subject).not.toBe(en.subject);
      expect(fr.text).toMatch(/^Bonjour Zoé,/);
      expect(en.text).toMatch(/^Hello Zoé,/);
      for (const mail of [fr, en]) {
        expect(mail.html).toContain(`lang="${mail === fr ? 'fr' : 'en'}"`);
        expect(mail.text).toContain(url);
        expect(mail.html).toContain('https://archipel.example/x?a=1&amp;b=2');
        expect(mail.text).toContain(
          `Unsub${mail === fr ? ' :' : ':'} https://archipel.example/unsubscribe/t`,
        );
        expect(mail.html).not.toMatch(/<RH>|<IA>/);
        expect(mail.text).not.toMatch(/<[a-z]+[ >]/); // no markup in the text part
      }
    },
  );

  it('writes times in the reader’s language and the session’s zone, across the DST change', () => {
    const march = new Date('2027-03-28T08:00:00Z'); // After the switch: 10:00 in Paris.
    expect(formatWhen('fr', march, null, 'Europe/Paris')).toBe('dimanche 28 mars 2027 à 10:00');
    expect(formatWhen('en', new Date('2027-03-27T09:00:00Z'), null, 'Europe/Paris')).toBe(
      'Saturday, 27 March 2027 at 10:00',
    );
  });

  it('names no zone in the community’s own zone, and Paris in a community of Nouméa', () => {
    const start = new Date('2027-02-04T10:00:00Z');
    expect(formatWhen('fr', start, null, 'Pacific/Noumea', 'Pacific/Noumea')).toBe(
      'jeudi 4 février 2027 à 21:00',
    );
    expect(formatWhen('fr', start, null, 'Europe/Paris', 'Pacific/Noumea')).toBe(
      'jeudi 4 février 2027 à 11:00 (Europe/Paris)',
    );
  });

  it('names a zone other than Paris, and the end day of a session that ends on another day', () => {
    // 14:00 in Réunion is 11:00 in Paris: a reader in Paris must not take it for their own time.
    const reunion = formatWhen(
      'fr',
      new Date('2027-02-04T10:00:00Z'),
      new Date('2027-02-04T12:00:00Z'),
      'Indian/Reunion',
    );
    expect(reunion).toBe('jeudi 4 février 2027 à 14:00 – 16:00 (Indian/Reunion)');
    expect(
      formatWhen('fr', new Date('2027-02-04T08:00:00Z'), new Date('2027-02-05T15:00:00Z'), 'Europe/Paris'),
    ).toBe('jeudi 4 février 2027 à 09:00 – vendredi 5 février 2027 à 16:00');
  });
});

describe('List-Unsubscribe', () => {
  const deps = { publicUrl: 'https://archipel.example', secret: 'x'.repeat(32) };
  it('offers a mailto only when the sender address is one a person reads', () => {
    const noReply = listUnsubscribeHeaders(
      { ...deps, mailFrom: 'Archipel <no-reply@archipel.example>' },
      'u',
    );
    expect(noReply['List-Unsubscribe']).toMatch(
      /^<https:\/\/archipel\.example\/unsubscribe\/u1~[\w-]+~[\w-]+>$/,
    );
    expect(noReply['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const team = listUnsubscribeHeaders({ ...deps, mailFrom: 'Équipe <animation@cnfpt.example>' }, 'u');
    expect(team['List-Unsubscribe']).toMatch(
      /^<https:[^>]+>, <mailto:animation@cnfpt\.example\?subject=unsubscribe>$/,
    );
  });
});
