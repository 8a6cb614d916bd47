import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
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
  const [isOpen, setOpen] = useState(false);
  if (sheets.isError || (!sheets.data?.length && !canCreate)) return null;
  const action = canCreate ? (
    <Button
      variant="secondary"
      onClick={() => setOpen(true)}
      onPointerEnter={createSheetDialog.preload}
      onFocus={createSheetDialog.preload}
    >
      {t('signups.create.open')}
    </Button>
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
      {isOpen ? (
        <Suspense fallback={null}>
          <createSheetDialog.Component circleId={circleId} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
      <ShowMore list={sheets} />
    </Section>
  );
}
