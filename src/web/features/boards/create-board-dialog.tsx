import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { apiRequest } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { sessionKeys, sessionPath, useCircleSessions } from '../sessions/session-api.ts';
import { useCreateBoard } from './board-api.ts';
import styles from './boards.module.css';
import { LegendEditor, type LegendRow, legendRow } from './legend-editor.tsx';

/** Create a board: title, legend (name, colour, meaning), anonymity, silent brainstorm, dots. */
export function CreateBoardDialog({ circleId, onClose }: { circleId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreateBoard(circleId);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string>();
  const [legend, setLegend] = useState<LegendRow[]>(() => [
    legendRow({
      name: t('boards.create.defaultBlue'),
      color: 'blue',
      meaning: t('boards.create.defaultBlueMeaning'),
    }),
    legendRow({
      name: t('boards.create.defaultYellow'),
      color: 'yellow',
      meaning: t('boards.create.defaultYellowMeaning'),
    }),
  ]);
  const [anonymous, setAnonymous] = useState(false);
  const [silent, setSilent] = useState(false);
  const [hideDots, setHideDots] = useState(false);
  const [dots, setDots] = useState('5');
  const [maxPerNote, setMaxPerNote] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const sessions = useCircleSessions(circleId);
  const [sessionId, setSessionId] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  // The chosen session's agenda, to hang the board on one of its items.
  const session = useQuery({
    queryKey: sessionKeys.detail(sessionId),
    queryFn: ({ signal }) => apiRequest<Session>(sessionPath(sessionId), { signal }),
    enabled: Boolean(sessionId),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) {
      setTitleError(t('validation.required'));
      return;
    }
    setTitleError(undefined);
    create.mutate(
      {
        title: title.trim(),
        categories: legend
          .filter((row) => row.name.trim())
          .map((row) => ({ name: row.name.trim(), color: row.color, meaning: row.meaning.trim() })),
        anonymous,
        silent,
        hideDots,
        dotsPerParticipant: Number(dots) || 0,
        maxDotsPerNote: maxPerNote ? Number(maxPerNote) : null,
        sessionId: sessionId || undefined,
        agendaItemId: (sessionId && agendaItemId) || undefined,
      },
      {
        onSuccess: (board) => navigate(`/boards/${encodeURIComponent(board.id)}`),
        onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
      },
    );
  }

  return (
    <Dialog title={t('boards.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} onSubmit={submit} noValidate>
          <TextField
            label={t('boards.create.name')}
            value={title}
            onChange={setTitle}
            errorMessage={titleError}
            isRequired
          />
          <LegendEditor rows={legend} onChange={setLegend} />
          {sessions.data?.length ? (
            <div className={formStyles.row}>
              <SelectField
                label={t('boards.create.session')}
                options={[
                  { value: '', label: t('boards.create.noSession') },
                  ...sessions.data.map((option) => ({ value: option.id, label: option.title })),
                ]}
                value={sessionId}
                onChange={(value) => {
                  setSessionId(value);
                  setAgendaItemId('');
                }}
              />
              {sessionId && session.data?.agenda.length ? (
                <SelectField
                  label={t('boards.create.agendaItem')}
                  options={[
                    { value: '', label: t('boards.create.noAgendaItem') },
                    ...session.data.agenda.map((item) => ({ value: item.id, label: item.title })),
                  ]}
                  value={agendaItemId}
                  onChange={setAgendaItemId}
                />
              ) : null}
            </div>
          ) : null}
          <div className={styles.checks}>
            <label>
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />{' '}
              {t('boards.create.anonymous')}
            </label>
            <label>
              <input type="checkbox" checked={silent} onChange={(e) => setSilent(e.target.checked)} />{' '}
              {t('boards.create.silent')}
            </label>
            <label>
              <input type="checkbox" checked={hideDots} onChange={(e) => setHideDots(e.target.checked)} />{' '}
              {t('boards.create.hideDots')}
            </label>
          </div>
          <div className={formStyles.row}>
            <TextField
              label={t('boards.create.dots')}
              type="number"
              inputMode="numeric"
              value={dots}
              onChange={setDots}
            />
            <TextField
              label={t('boards.create.maxPerNote')}
              description={t('boards.create.maxPerNoteHint')}
              type="number"
              inputMode="numeric"
              value={maxPerNote}
              onChange={setMaxPerNote}
              isOptional
            />
          </div>
          <FormStatus message={message} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={create.isPending}>
              {t('boards.create.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
