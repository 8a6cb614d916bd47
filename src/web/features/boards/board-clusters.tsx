import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../contract/board.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { useCreateCluster, useDeleteCluster, useRenameCluster } from './board-api.ts';
import styles from './boards.module.css';

/** Clusters ("regroupements") with their titles; each post-it joins one from its own menu. */
export function BoardClusters({ board, onFail }: { board: Board; onFail: (error: unknown) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCluster(board.id);
  const remove = useDeleteCluster(board.id);
  const rename = useRenameCluster(board.id);
  const [title, setTitle] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const canWrite = board.abilities.takePart;

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
              {renaming?.id === cluster.id ? (
                <form
                  className={styles.inlineField}
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (!renaming.title.trim()) return;
                    rename.mutate(
                      { clusterId: cluster.id, title: renaming.title.trim() },
                      { onSuccess: () => setRenaming(null), onError: onFail },
                    );
                  }}
                >
                  <input
                    className={fieldStyles.input}
                    aria-label={t('boards.clusters.renameLabel', { title: cluster.title })}
                    value={renaming.title}
                    maxLength={200}
                    onChange={(event) => setRenaming({ id: cluster.id, title: event.target.value })}
                  />
                  <Button type="submit" size="sm" isPending={rename.isPending}>
                    {t('boards.note.save')}
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => setRenaming(null)}>
                    {t('common.cancel')}
                  </Button>
                </form>
              ) : (
                <>
                  <span className={styles.clusterTitle}>{cluster.title}</span>{' '}
                  <span className={styles.muted}>
                    {t('boards.list.notes', {
                      count: board.notes.filter((n) => n.clusterId === cluster.id).length,
                    })}
                  </span>
                  {canWrite ? (
                    <>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t('boards.clusters.renameLabel', { title: cluster.title })}
                        onClick={() => setRenaming({ id: cluster.id, title: cluster.title })}
                      >
                        {t('boards.clusters.rename')}
                      </Button>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={t('boards.clusters.remove', { title: cluster.title })}
                        onClick={() => remove.mutate(cluster.id, { onError: onFail })}
                      >
                        {t('boards.clusters.ungroup')}
                      </Button>
                    </>
                  ) : null}
                </>
              )}
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
