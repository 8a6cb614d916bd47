import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { useCreateCluster, useDeleteCluster } from './board-api.ts';
import styles from './boards.module.css';

/** Clusters ("regroupements") with their titles; each post-it joins one from its own menu. */
export function BoardClusters({ board, onFail }: { board: Board; onFail: (error: unknown) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCluster(board.id);
  const remove = useDeleteCluster(board.id);
  const [title, setTitle] = useState('');
  const canWrite = !board.locked || board.canSteer;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    create.mutate({ title: title.trim() }, { onSuccess: () => setTitle(''), onError: onFail });
  }

  return (
    <div className={styles.clusters}>
      <h2 className={styles.addTitle}>{t('boards.clusters.title')}</h2>
      {board.clusters.length ? (
        <ul className={styles.clusterList}>
          {board.clusters.map((cluster) => (
            <li key={cluster.id}>
              <span className={styles.clusterTitle}>{cluster.title}</span>{' '}
              <span className={styles.muted}>
                {t('boards.list.notes', {
                  count: board.notes.filter((n) => n.clusterId === cluster.id).length,
                })}
              </span>
              {canWrite ? (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('boards.clusters.remove', { title: cluster.title })}
                  onClick={() => remove.mutate(cluster.id, { onError: onFail })}
                >
                  {t('boards.clusters.ungroup')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>{t('boards.clusters.empty')}</p>
      )}
      {canWrite ? (
        <form className={styles.clusterForm} onSubmit={submit}>
          <label className={fieldStyles.label} htmlFor={`${id}-title`}>
            {t('boards.clusters.new')}
          </label>
          <div className={styles.inlineField}>
            <input
              id={`${id}-title`}
              className={fieldStyles.input}
              value={title}
              maxLength={200}
              onChange={(event) => setTitle(event.target.value)}
            />
            <Button type="submit" variant="secondary" size="sm" isPending={create.isPending}>
              {t('boards.clusters.create')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
