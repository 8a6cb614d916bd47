import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import styles from '../date-polls/scheduling-list.module.css';
import { useCircleSheets } from './signup-api.ts';

const createSheetDialog = lazyNamed(
  () => import('./create-signup-sheet-dialog.tsx'),
  'CreateSignupSheetDialog',
);

/** "Feuilles d’inscription" on a circle's page; hidden where the reader may not see them. */
export function CircleSignupSheets({ circleId, canCreate }: { circleId: string; canCreate: boolean }) {
  const { t } = useTranslation();
  const sheets = useCircleSheets(circleId);
  if (sheets.isError || (!sheets.data?.length && !canCreate)) return null;
  const action = canCreate ? (
    <LazyDialogButton
      variant="secondary"
      label={t('signups.create.open')}
      preload={createSheetDialog.preload}
    >
      {(close) => <createSheetDialog.Component circleId={circleId} onClose={close} />}
    </LazyDialogButton>
  ) : undefined;
  return (
    <Section title={t('signups.section')} description={t('signups.sectionHint')} action={action}>
      {sheets.data?.length ? (
        <ul className={styles.list}>
          {sheets.data.map((sheet) => (
            <li key={sheet.id} className={styles.item}>
              <div className={styles.text}>
                <h3 className={styles.title}>
                  <Link to={`/signup-sheets/${encodeURIComponent(sheet.id)}`}>{sheet.title}</Link>
                </h3>
                <span>
                  {t('signups.list.topics', { count: sheet.topicCount })} ·{' '}
                  {t('signups.list.entries', { count: sheet.entryCount })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : sheets.data ? (
        <EmptyState isCompact title={t('signups.list.empty')} />
      ) : null}
      <ShowMore list={sheets} />
    </Section>
  );
}
