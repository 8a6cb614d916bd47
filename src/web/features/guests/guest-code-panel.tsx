import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestCode } from '../../../contract/guest.ts';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useGuestCodes, useOpenGuestCode, useRevokeGuestCode } from './guest-api.ts';
import { GuestQr } from './guest-qr.tsx';
import styles from './guests.module.css';

const durations = ['60', '120', '240', '480', '1440'] as const;
type Duration = (typeof durations)[number];

/** A code is read aloud in two halves: ABCD-EFGH. */
export const spokenCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

interface OpenCodeProps {
  sessionId: string;
  code: GuestCode;
  /** The panel's live region: it outlives this code, which disappears once revoked. */
  onMessage: (message: FormStatusMessage) => void;
}

function OpenCode({ sessionId, code, onMessage }: OpenCodeProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const revoke = useRevokeGuestCode(sessionId);
  const until = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(
    new Date(code.expiresAt),
  );
  return (
    <div className={styles.openCode}>
      <p className={styles.codeLabel}>{t('guests.panel.codeLabel')}</p>
      <p className={styles.code} data-testid="guest-code">
        {spokenCode(code.code)}
      </p>
      <GuestQr url={code.url} label={t('guests.panel.qrLabel', { code: spokenCode(code.code) })} />
      <CopyField label={t('guests.panel.link')} value={code.url} />
      <p className={styles.muted}>
        {t('guests.panel.until', { time: until })} ·{' '}
        {t('guests.panel.guestCount', { count: code.guestCount })}
      </p>
      <Button
        variant="danger"
        isPending={revoke.isPending}
        onClick={() =>
          revoke.mutate(code.id, {
            onSuccess: () => onMessage({ tone: 'success', text: t('guests.panel.revoked') }),
            onError: (error) => onMessage({ tone: 'danger', text: errorMessage(error) }),
          })
        }
      >
        {t('guests.panel.revoke')}
      </Button>
    </div>
  );
}

/**
 * The facilitators' panel on the session page: open the session to guests for a while with a
 * code and a QR code, see it again, close it at once (decision 051).
 */
export function GuestCodePanel({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const codes = useGuestCodes(sessionId, true);
  const open = useOpenGuestCode(sessionId);
  const [duration, setDuration] = useState<Duration>('240');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const current = codes.data?.items[0];
  return (
    <Card isCompact>
      <h2 className={styles.panelTitle}>{t('guests.panel.title')}</h2>
      <p className={styles.muted}>{t('guests.panel.intro')}</p>
      {current ? <OpenCode sessionId={sessionId} code={current} onMessage={setMessage} /> : null}
      {current ? null : (
        <div className={styles.openForm}>
          <SelectField
            label={t('guests.panel.duration')}
            value={duration}
            onChange={setDuration}
            options={durations.map((value) => ({
              value,
              label: t('guests.panel.hours', { count: Number(value) / 60 }),
            }))}
          />
          <Button
            isPending={open.isPending}
            onClick={() =>
              open.mutate(Number(duration), {
                onSuccess: () => setMessage(null),
                onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
              })
            }
          >
            {t('guests.panel.open')}
          </Button>
        </div>
      )}
      <FormStatus message={message} />
    </Card>
  );
}
