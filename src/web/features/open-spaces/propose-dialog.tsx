import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { TextField } from '../../components/text-field.tsx';
import { errorCode, useErrorMessage } from '../../lib/error-message.ts';
import { useProposeSession } from './open-space-api.ts';

/** Proposes a session into one free cell; a cell taken meanwhile is said plainly. */
export function ProposeDialog({
  openSpaceId,
  roomId,
  slotId,
  heading,
  onClose,
}: {
  openSpaceId: string;
  roomId: string;
  slotId: string;
  heading: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const propose = useProposeSession(openSpaceId);
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  return (
    <Dialog title={heading} onClose={onClose}>
      {(close) => (
        <form
          className={formStyles.form}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setMessage(null);
            propose.mutate(
              { title, question, roomId, slotId },
              {
                onSuccess: close,
                onError: (error) =>
                  setMessage({
                    tone: 'danger',
                    text:
                      errorCode(error) === 'CONFLICT' ? t('openSpaces.propose.taken') : errorMessage(error),
                  }),
              },
            );
          }}
        >
          <TextField
            label={t('openSpaces.propose.title')}
            value={title}
            onChange={setTitle}
            isRequired
            maxLength={200}
          />
          <TextField
            label={t('openSpaces.propose.question')}
            value={question}
            onChange={setQuestion}
            multiline
            rows={3}
            isOptional
            maxLength={2000}
          />
          <FormStatus message={message} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={propose.isPending}>
              {t('openSpaces.propose.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
