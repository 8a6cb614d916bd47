import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Session } from '../../../contract/session.ts';
import { type BoardTemplateId, boardTemplateIds, boardTemplates } from '../../../domain/board-wall.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { apiRequest } from '../../lib/api-client.ts';
import { boardSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { sessionKeys, sessionPath, useCircleSessions } from '../sessions/session-api.ts';
import { useCreateBoard } from './board-api.ts';
import styles from './boards.module.css';
import { LegendEditor, type LegendRow, legendRow } from './legend-editor.tsx';

const loadSchema = () => boardSchemas().then((m) => m.boardCreateSchema);

interface Values {
  title: string;
  categories: LegendRow[];
  anonymous: boolean;
  silent: boolean;
  hideDots: boolean;
  dotsPerParticipant: string;
  maxDotsPerNote: string;
  sessionId: string;
  agendaItemId: string;
  template: BoardTemplateId | '';
}

function toInput(values: Values) {
  return {
    title: values.title,
    // A row left without a name is no category.
    categories: values.categories
      .filter((row) => row.name.trim())
      .map((row) => ({ name: row.name.trim(), color: row.color, meaning: row.meaning.trim() })),
    anonymous: values.anonymous,
    silent: values.silent,
    hideDots: values.hideDots,
    dotsPerParticipant: numberFromText(values.dotsPerParticipant, 0),
    maxDotsPerNote: numberFromText(values.maxDotsPerNote, null),
    sessionId: values.sessionId || undefined,
    agendaItemId: (values.sessionId && values.agendaItemId) || undefined,
    template: values.template || undefined,
  };
}

/** Create a board: title, legend (name, colour, meaning), anonymity, silent brainstorm, dots. */
export function CreateBoardDialog({ circleId, onClose }: { circleId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateBoard(circleId);
  const language = i18n.language.startsWith('en') ? 'en' : 'fr';
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values => ({
      title: '',
      categories: [
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
      ],
      anonymous: false,
      silent: false,
      hideDots: false,
      dotsPerParticipant: '5',
      maxDotsPerNote: '',
      sessionId: '',
      agendaItemId: '',
      template: '',
    }),
    toInput,
    messages: { maxDotsPerNote: 'boards.edit.maxPerNoteTooHigh' },
    serverError: create.error,
    onValid: (input) =>
      create.mutate(input, { onSuccess: (board) => navigate(`/boards/${encodeURIComponent(board.id)}`) }),
  });
  const { values, setValue } = form;
  const sessionId = values.sessionId;
  const sessions = useCircleSessions(circleId);
  // The chosen session's agenda, to hang the board on one of its items.
  const session = useQuery({
    queryKey: sessionKeys.detail(sessionId),
    queryFn: ({ signal }) => apiRequest<Session>(sessionPath(sessionId), { signal }),
    enabled: Boolean(sessionId),
  });
  const checkbox = (name: 'anonymous' | 'silent' | 'hideDots') => (
    <label>
      <input type="checkbox" checked={values[name]} onChange={(e) => setValue(name, e.target.checked)} />{' '}
      {t(`boards.create.${name}`)}
    </label>
  );

  return (
    <Dialog title={t('boards.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField label={t('boards.create.name')} {...form.text('title')} />
          <SelectField
            label={t('boards.create.template')}
            description={t('boards.create.templateHint')}
            options={[
              { value: '', label: t('boards.create.templateNone') },
              ...boardTemplateIds.map((id) => ({ value: id, label: t(`boards.create.templates.${id}`) })),
            ]}
            value={values.template}
            onChange={(value) => {
              const id = boardTemplateIds.find((known) => known === value);
              setValue('template', id ?? '');
              // A template with its own legend shows it here, to keep or change.
              const legend = id ? boardTemplates[id].categories : [];
              if (legend.length)
                setValue(
                  'categories',
                  legend.map((category) =>
                    legendRow({
                      name: category.name[language],
                      color: category.color,
                      meaning: category.meaning[language],
                    }),
                  ),
                );
            }}
          />
          <LegendEditor rows={values.categories} onChange={(rows) => setValue('categories', rows)} />
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
                  setValue('sessionId', value);
                  setValue('agendaItemId', '');
                }}
              />
              {sessionId && session.data?.agenda.length ? (
                <SelectField
                  label={t('boards.create.agendaItem')}
                  options={[
                    { value: '', label: t('boards.create.noAgendaItem') },
                    ...session.data.agenda.map((item) => ({ value: item.id, label: item.title })),
                  ]}
                  value={values.agendaItemId}
                  onChange={(value) => setValue('agendaItemId', value)}
                />
              ) : null}
            </div>
          ) : null}
          <div className={styles.checks}>
            {checkbox('anonymous')}
            {checkbox('silent')}
            {checkbox('hideDots')}
          </div>
          <div className={formStyles.row}>
            <TextField
              label={t('boards.create.dots')}
              type="number"
              inputMode="numeric"
              {...form.text('dotsPerParticipant')}
            />
            <TextField
              label={t('boards.create.maxPerNote')}
              description={t('boards.create.maxPerNoteHint')}
              type="number"
              inputMode="numeric"
              {...form.text('maxDotsPerNote')}
              isOptional
            />
          </div>
          <FormProblem text={form.formMessage} />
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
