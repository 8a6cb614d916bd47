import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardNote, BoardZone } from '../../../contract/board.ts';
import { BOARD_IMPORT_MAX_CHARS } from '../../../contract/board.ts';
import { type NoteSize, noteSizes, type WallPlace } from '../../../domain/board-wall.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import {
  boardCsvUrl,
  useCreateZone,
  useDeleteZone,
  useFocusZone,
  useImportCsv,
  usePatchNote,
  usePatchZone,
} from './board-api.ts';
import type { WallView } from './board-wall.tsx';
import styles from './wall.module.css';

interface WallToolbarProps {
  board: Board;
  view: WallView;
  onZoom: (factor: number) => void;
  onFit: () => void;
  selectedNote: BoardNote | undefined;
  selectedZone: BoardZone | undefined;
  places: Map<string, WallPlace>;
  viewCentre: () => { x: number; y: number };
  onFail: (error: unknown) => void;
  onAnnounce: (text: string) => void;
}

/** Saves a blob under a file name (an object URL on a link: no inline script, CSP-safe). */
function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = (board: Board, extension: string) =>
  `${
    board.title
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'tableau'
  }.${extension}`;

export function WallToolbar(props: WallToolbarProps) {
  const { board, view, onZoom, onFit, selectedNote, selectedZone, places, onFail, onAnnounce } = props;
  const { t } = useTranslation();
  const id = useId();
  const steer = board.abilities.steer;
  const patchNote = usePatchNote(board.id);
  const createZone = useCreateZone(board.id);
  const patchZone = usePatchZone(board.id);
  const deleteZone = useDeleteZone(board.id);
  const focus = useFocusZone(board.id);
  const importCsv = useImportCsv(board.id);
  const [zoneTitle, setZoneTitle] = useState('');
  const [rename, setRename] = useState('');
  const [exporting, setExporting] = useState<'png' | 'pdf' | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => setRename(selectedZone?.title ?? ''), [selectedZone?.title]);

  function addZone(event: FormEvent) {
    event.preventDefault();
    const title = zoneTitle.trim();
    if (!title) return;
    const centre = props.viewCentre();
    createZone.mutate(
      { title, x: Math.round(centre.x - 300), y: Math.round(centre.y - 200), width: 600, height: 400 },
      {
        onSuccess: () => {
          setZoneTitle('');
          onAnnounce(t('boards.wall.zoneAdded', { title }));
        },
        onError: onFail,
      },
    );
  }

  async function exportImage(kind: 'png' | 'pdf') {
    setExporting(kind);
    try {
      const { wallPng, wallPdf } = await import('./wall-export.ts');
      const blob = kind === 'png' ? await wallPng(board, places) : await wallPdf(board, places);
      download(blob, fileName(board, kind));
      onAnnounce(t('boards.wall.exported'));
    } catch (error) {
      onFail(error);
    } finally {
      setExporting(null);
    }
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const text = await file.text();
    if (text.length > BOARD_IMPORT_MAX_CHARS) {
      onFail(new Error(t('boards.wall.importTooBig')));
      return;
    }
    importCsv.mutate(text, {
      onSuccess: (result) => onAnnounce(t('boards.wall.imported', { count: result.imported })),
      onError: onFail,
    });
  }

  return (
    <div className={styles.toolbar}>
      <fieldset className={styles.toolGroup} aria-label={t('boards.wall.zoom')}>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onZoom(0.8)}
          aria-label={t('boards.wall.zoomOut')}
        >
          −
        </Button>
        <span className={styles.zoomValue} aria-live="polite">
          {Math.round(view.scale * 100)} %
        </span>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onZoom(1.25)}
          aria-label={t('boards.wall.zoomIn')}
        >
          +
        </Button>
        <Button variant="ghost" size="sm" onClick={onFit}>
          {t('boards.wall.fit')}
        </Button>
      </fieldset>

      {selectedNote && (selectedNote.isMine || steer) ? (
        <fieldset className={styles.toolGroup}>
          <legend className={styles.toolLegend}>
            {t('boards.wall.sizeOf', { text: selectedNote.text.slice(0, 30) })}
          </legend>
          {noteSizes.map((size: NoteSize) => (
            <Button
              key={size}
              variant={selectedNote.size === size ? 'primary' : 'secondary'}
              size="sm"
              aria-pressed={selectedNote.size === size}
              aria-label={t(`boards.wall.size.${size}`)}
              onClick={() =>
                patchNote.mutate({ noteId: selectedNote.id, patch: { size } }, { onError: onFail })
              }
            >
              {size}
            </Button>
          ))}
        </fieldset>
      ) : null}

      {steer && selectedZone ? (
        <fieldset
          className={styles.toolGroup}
          aria-label={t('boards.wall.zoneTools', { title: selectedZone.title })}
        >
          <form
            className={styles.inline}
            onSubmit={(event) => {
              event.preventDefault();
              if (rename.trim())
                patchZone.mutate(
                  { zoneId: selectedZone.id, patch: { title: rename.trim() } },
                  { onError: onFail },
                );
            }}
          >
            <label className={styles.srOnly} htmlFor={`${id}-rename`}>
              {t('boards.wall.zoneTitle')}
            </label>
            <input
              id={`${id}-rename`}
              className={`${fieldStyles.input} ${styles.smallInput}`}
              value={rename}
              maxLength={120}
              onChange={(event) => setRename(event.target.value)}
            />
            <Button type="submit" variant="secondary" size="sm">
              {t('boards.wall.rename')}
            </Button>
          </form>
          <Button
            size="sm"
            onClick={() =>
              focus.mutate(selectedZone.id, {
                onSuccess: () => onAnnounce(t('boards.wall.focusSent', { zone: selectedZone.title })),
                onError: onFail,
              })
            }
          >
            {t('boards.wall.focus')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => deleteZone.mutate(selectedZone.id, { onError: onFail })}
          >
            {t('boards.wall.deleteZone')}
          </Button>
        </fieldset>
      ) : null}

      {steer ? (
        <form className={`${styles.toolGroup} ${styles.inline}`} onSubmit={addZone}>
          <label className={styles.srOnly} htmlFor={`${id}-zone`}>
            {t('boards.wall.newZoneTitle')}
          </label>
          <input
            id={`${id}-zone`}
            className={`${fieldStyles.input} ${styles.smallInput}`}
            value={zoneTitle}
            maxLength={120}
            placeholder={t('boards.wall.newZonePlaceholder')}
            onChange={(event) => setZoneTitle(event.target.value)}
          />
          <Button type="submit" variant="secondary" size="sm" isPending={createZone.isPending}>
            {t('boards.wall.addZone')}
          </Button>
        </form>
      ) : null}

      <fieldset className={styles.toolGroup} aria-label={t('boards.wall.export')}>
        <Button
          variant="secondary"
          size="sm"
          isPending={exporting === 'png'}
          onClick={() => void exportImage('png')}
        >
          {t('boards.wall.exportPng')}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          isPending={exporting === 'pdf'}
          onClick={() => void exportImage('pdf')}
        >
          {t('boards.wall.exportPdf')}
        </Button>
        <a className={styles.toolLink} href={boardCsvUrl(board.id)} download={fileName(board, 'csv')}>
          {t('boards.wall.exportCsv')}
        </a>
        {steer && !board.locked ? (
          <>
            <input
              ref={fileInput}
              id={`${id}-import`}
              type="file"
              accept=".csv,text/csv"
              className={styles.srOnly}
              tabIndex={-1}
              aria-hidden="true"
              onChange={(event) => void onFile(event)}
            />
            <Button
              variant="secondary"
              size="sm"
              isPending={importCsv.isPending}
              onClick={() => fileInput.current?.click()}
            >
              {t('boards.wall.import')}
            </Button>
          </>
        ) : null}
      </fieldset>
    </div>
  );
}
