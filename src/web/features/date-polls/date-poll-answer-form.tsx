import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateAnswerInput, DatePoll } from '../../../contract/date-poll.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { type AnswerDraft, DatePollGrid } from './date-poll-grid.tsx';

export interface DatePollAnswerFormProps {
  poll: DatePoll;
  initial: { answers: DateAnswerInput; comment: string };
  /** Fields before the grid (a guest's name and address). */
  children?: ReactNode;
  draftLabel?: string;
  submitLabel: string;
  isPending: boolean;
  message: FormStatusMessage | null;
  onSubmit: (input: { answers: DateAnswerInput; comment: string }) => void;
}

/** The grid with the reader's row as yes / if need be / no toggles, a comment, and a save button. */
export function DatePollAnswerForm(props: DatePollAnswerFormProps) {
  const { t } = useTranslation();
  const { poll, initial } = props;
  const [draft, setDraft] = useState<AnswerDraft>(() =>
    Object.fromEntries(initial.answers.map((answer) => [answer.slotId, answer.value])),
  );
  const [comment, setComment] = useState(initial.comment);

  function submit(event: FormEvent) {
    event.preventDefault();
    const answers = poll.slots.flatMap((slot) => {
      const value = draft[slot.id];
      return value ? [{ slotId: slot.id, value }] : [];
    });
    props.onSubmit({ answers, comment });
  }

  return (
    <form className={formStyles.form} onSubmit={submit} noValidate>
      {props.children}
      <DatePollGrid
        poll={poll}
        draft={draft}
        draftLabel={props.draftLabel}
        onDraftChange={(slotId, value) => setDraft((all) => ({ ...all, [slotId]: value }))}
      />
      <p className={formStyles.hint}>{t('datePolls.answerHint')}</p>
      <TextField
        label={t('datePolls.comment')}
        value={comment}
        onChange={setComment}
        multiline
        rows={2}
        isOptional
      />
      <FormStatus message={props.message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  );
}
