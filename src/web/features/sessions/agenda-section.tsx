import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { Button } from '../../components/button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { AgendaView } from './agenda-view.tsx';

const agendaEditor = lazyNamed(() => import('./agenda-editor.tsx'), 'AgendaEditor');

/**
 * The agenda and, for those who steer the session, its editor in place (the session page and the
 * preparation view).
 */
export function AgendaSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // The editor's buttons vanish when it closes: focus goes back to the button that opened it.
  useEffect(() => {
    if (wasEditing.current && !isEditing) editButton.current?.focus();
    wasEditing.current = isEditing;
  }, [isEditing]);
  const action =
    session.abilities.steer && !isEditing ? (
      <Button
        ref={editButton}
        variant="secondary"
        onClick={() => {
          setMessage(null);
          setEditing(true);
        }}
        onPointerEnter={agendaEditor.preload}
        onFocus={agendaEditor.preload}
      >
        {t('agenda.edit')}
      </Button>
    ) : undefined;
  return (
    <Section title={t('agenda.title')} action={action} id="agenda">
      {isEditing ? (
        <Suspense fallback={<LoadingState />}>
          <agendaEditor.Component
            session={session}
            onDone={(saved) => {
              setEditing(false);
              if (saved) setMessage({ tone: 'success', text: t('agenda.editor.saved') });
            }}
          />
        </Suspense>
      ) : (
        <AgendaView session={session} />
      )}
      <FormStatus message={message} />
    </Section>
  );
}
