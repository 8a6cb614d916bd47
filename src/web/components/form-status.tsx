import { Alert, type AlertTone } from './alert.tsx';

export interface FormStatusMessage {
  tone: AlertTone;
  text: string;
}

/**
 * The live region where a form announces its outcome. It stays mounted while empty: screen
 * readers only announce changes to a region that already existed.
 */
export function FormStatus({ message }: { message: FormStatusMessage | null }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}

/** The live region for a form's problem that belongs to no field (useContractForm's `formMessage`). */
export function FormProblem({ text }: { text: string | undefined }) {
  return <FormStatus message={text ? { tone: 'danger', text } : null} />;
}
