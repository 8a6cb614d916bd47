import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import formStyles from '../../components/form.module.css';
import { FormPage } from '../../components/form-page.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useUnsubscribe, useUnsubscribeInfo } from './mail-api.ts';

/**
 * Where a mail's unsubscribe link leads: works without signing in (the signed link is the proof),
 * and asks before changing anything, since link checkers open links on their own.
 */
export function UnsubscribePage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const token = useParams().token ?? '';
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);
  const isInvalid = info.error instanceof ApiError && info.error.code === 'NOT_FOUND';
  const preference = info.data?.preference;
  const done = unsubscribe.data?.preference;
  // A date poll's guest has no account: one choice, forget the address; no digest, no profile.
  const guest = info.data?.guest === true;
  // A newsletter's link: one choice, stop the newsletters; the circles' mails keep their preference.
  const newsletter = info.data?.newsletter === true;
  const isOff = newsletter ? info.data?.newsletters === false : preference === 'none';
  const current = newsletter
    ? t(isOff ? 'mail.unsubscribe.newslettersOff' : 'mail.unsubscribe.newslettersOn')
    : guest
      ? t(preference === 'none' ? 'mail.unsubscribe.guestForgotten' : 'mail.unsubscribe.guestCurrent')
      : t(`mail.unsubscribe.current.${preference ?? 'all'}`);
  const doneText = newsletter
    ? t('mail.unsubscribe.newslettersDone')
    : guest
      ? t('mail.unsubscribe.guestDone')
      : t(done === 'digest' ? 'mail.unsubscribe.done.digest' : 'mail.unsubscribe.done.none');
  const stopLabel = newsletter
    ? 'mail.unsubscribe.newslettersStop'
    : guest
      ? 'mail.unsubscribe.guestForget'
      : 'mail.unsubscribe.none';

  return (
    <FormPage title={t('mail.unsubscribe.title')}>
      {info.isPending ? <LoadingState /> : null}
      {isInvalid ? (
        <Alert tone="warning" title={t('mail.unsubscribe.invalidTitle')}>
          <p>{t('mail.unsubscribe.invalid')}</p>
        </Alert>
      ) : null}
      {info.isError && !isInvalid ? (
        <ErrorState error={info.error} onRetry={() => void info.refetch()} />
      ) : null}
      {info.data ? (
        <div className={formStyles.form}>
          {info.data.maskedEmail ? (
            <p>{t('mail.unsubscribe.address', { email: info.data.maskedEmail })}</p>
          ) : null}
          <p>{current}</p>
          <FormStatus
            message={
              done
                ? { tone: 'success', text: doneText }
                : unsubscribe.error
                  ? { tone: 'danger', text: errorMessage(unsubscribe.error) }
                  : null
            }
          />
          {!isOff ? (
            <div className={formStyles.actions}>
              <Button
                isPending={unsubscribe.isPending && unsubscribe.variables === 'none'}
                onClick={() => unsubscribe.mutate('none')}
              >
                {t(stopLabel)}
              </Button>
              {preference === 'all' && !guest && !newsletter ? (
                <Button
                  variant="secondary"
                  isPending={unsubscribe.isPending && unsubscribe.variables === 'digest'}
                  onClick={() => unsubscribe.mutate('digest')}
                >
                  {t('mail.unsubscribe.digest')}
                </Button>
              ) : null}
            </div>
          ) : null}
          {guest ? null : (
            <p>
              <ButtonLink to="/profile" variant="ghost">
                {t('mail.unsubscribe.profile')}
              </ButtonLink>
            </p>
          )}
        </div>
      ) : null}
    </FormPage>
  );
}
