import { useTranslation } from 'react-i18next';
import { buttonClass } from './button-class.ts';
import styles from './show-more.module.css';

export interface ShowMoreProps {
  /** The paged query (usePagedList): shown only while a next page exists. */
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}

/** "Afficher plus" under a paged list. A plain button: lists show on first-load screens. */
export function ShowMore({ list }: ShowMoreProps) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <div className={styles.showMore}>
      <button
        type="button"
        className={buttonClass('secondary', 'sm')}
        disabled={list.isFetchingNextPage}
        aria-busy={list.isFetchingNextPage}
        onClick={() => void list.fetchNextPage()}
      >
        {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
      </button>
    </div>
  );
}
