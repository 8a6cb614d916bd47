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
