import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../../components/button-link.tsx';
import styles from './import-notes-link.module.css';

/** "Importer des notes", beside the other facilitator buttons of the sessions list. */
export function ImportNotesLink({ circleId, children }: { circleId: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={styles.entryActions}>
      <ButtonLink variant="secondary" to={`/circles/${encodeURIComponent(circleId)}/import`}>
        {t('sessionImport.open')}
      </ButtonLink>
      {children}
    </div>
  );
}
