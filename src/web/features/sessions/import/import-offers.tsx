import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportOffers as Offers } from '../../../../contract/session.ts';
import { LazyDialogButton } from '../../../components/lazy-dialog-button.tsx';
import { lazyNamed } from '../../../lib/lazy-named.ts';
import styles from './import-notes.module.css';

const signupDialog = lazyNamed(
  () => import('../../signups/create-signup-sheet-dialog.tsx'),
  'CreateSignupSheetDialog',
);
const datePollDialog = lazyNamed(
  () => import('../../date-polls/create-date-poll-dialog.tsx'),
  'CreateDatePollDialog',
);

interface Created {
  key: string;
  title: string;
  url: string;
}

/**
 * What the pad asks to organise ("Qui veut y travailler ? Inscrivez-vous ici", "(framadate ?)"):
 * a button opens the sign-up sheet or date poll form, prefilled from the pad; what is created is
 * linked here, and the review stays where it is.
 */
export function ImportOffers({ circleId, offers }: { circleId: string; offers: Offers }) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<Created[]>([]);
  if (!offers.signup && offers.datePolls.length === 0) return null;
  const done = (key: string) => created.find((item) => item.key === key);
  const add = (item: Created) =>
    setCreated((all) => [...all.filter((other) => other.key !== item.key), item]);
  const { signup } = offers;
  return (
    <section className={styles.offers} aria-labelledby="import-offers-title">
      <h2 id="import-offers-title" className={styles.previewTitle}>
        {t('sessionImport.offers.title')}
      </h2>
      <p className={styles.muted}>{t('sessionImport.offers.hint')}</p>
      <ul className={styles.offerList}>
        {signup ? (
          <li>
            <p>
              {t('sessionImport.offers.signup', {
                count: signup.topics.length,
                title: signup.title,
                topics: signup.topics.join(' · '),
              })}
            </p>
            <OfferOutcome created={done('signup')}>
              <LazyDialogButton
                variant="secondary"
                label={t('sessionImport.offers.createSignup')}
                preload={signupDialog.preload}
              >
                {(close) => (
                  <signupDialog.Component
                    circleId={circleId}
                    onClose={close}
                    initial={signup}
                    onCreated={(sheet) => {
                      add({
                        key: 'signup',
                        title: sheet.title,
                        url: `/signup-sheets/${encodeURIComponent(sheet.id)}`,
                      });
                      close();
                    }}
                  />
                )}
              </LazyDialogButton>
            </OfferOutcome>
          </li>
        ) : null}
        {offers.datePolls.map((poll, index) => (
          <li key={poll.title}>
            <p>{t('sessionImport.offers.datePoll', { title: poll.title })}</p>
            <OfferOutcome created={done(`poll-${index}`)}>
              <LazyDialogButton
                variant="secondary"
                label={t('sessionImport.offers.createDatePoll')}
                preload={datePollDialog.preload}
              >
                {(close) => (
                  <datePollDialog.Component
                    circleId={circleId}
                    onClose={close}
                    initialTitle={poll.title}
                    onCreated={(created) => {
                      add({
                        key: `poll-${index}`,
                        title: created.title,
                        url: `/date-polls/${encodeURIComponent(created.id)}`,
                      });
                      close();
                    }}
                  />
                )}
              </LazyDialogButton>
            </OfferOutcome>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OfferOutcome({ created, children }: { created: Created | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  if (!created) return <>{children}</>;
  return (
    <p role="status">
      {t('sessionImport.offers.created')}{' '}
      <Link to={created.url} target="_blank" rel="noopener">
        {created.title}
      </Link>
    </p>
  );
}
