import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { guestCodeInputSchema } from '../../contract/guest.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { FormPage } from '../components/form-page.tsx';
import { FormStatus, type FormStatusMessage } from '../components/form-status.tsx';
import { TextField } from '../components/text-field.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { useClaimGuest, useGuestHome, useJoinAsGuest } from '../features/guests/guest-api.ts';
import styles from '../features/guests/guests.module.css';
import { errorCode, isNotFound, useErrorMessage } from '../lib/error-message.ts';

/** A signed-in person takes what they wrote as a guest in this browser into their account. */
function ClaimGuest() {
  const { t } = useTranslation();
  const claim = useClaimGuest();
  const errorMessage = useErrorMessage();
  if (claim.data)
    return (
      <Alert tone="success" role="status" title={t('guests.claim.doneTitle')}>
        <p>
          <Link to={`/sessions/${encodeURIComponent(claim.data.sessionId)}`}>
            {t('guests.claim.toSession')}
          </Link>
        </p>
      </Alert>
    );
  return (
    <div className={styles.claim}>
      <p>{t('guests.claim.intro')}</p>
      <Button isPending={claim.isPending} onClick={() => claim.mutate()}>
        {t('guests.claim.action')}
      </Button>
      {claim.isError ? (
        <Alert tone={isNotFound(claim.error) ? 'warning' : 'danger'}>
          <p>{isNotFound(claim.error) ? t('guests.claim.nothing') : errorMessage(claim.error)}</p>
        </Alert>
      ) : null}
    </div>
  );
}

/** /rejoindre: a guest gives the code they were told (or scanned) and a name, without an account. */
export function GuestJoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe().data ?? null;
  const home = useGuestHome();
  const join = useJoinAsGuest();
  const errorMessage = useErrorMessage();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<{ code?: string; name?: string }>({});
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = {
      ...(guestCodeInputSchema.safeParse(code).success ? {} : { code: t('guests.join.badCode') }),
      ...(name.trim() ? {} : { name: t('guests.join.nameRequired') }),
    };
    setProblems(found);
    if (found.code || found.name) return;
    join.mutate(
      { code, name: name.trim() },
      {
        onSuccess: () => navigate('/rejoindre/seance'),
        onError: (error) =>
          setMessage({
            tone: 'danger',
            text: isNotFound(error)
              ? t('guests.join.unknownCode')
              : errorCode(error) === 'RATE_LIMITED'
                ? t('guests.join.tooMany')
                : errorMessage(error),
          }),
      },
    );
  }

  return (
    <FormPage title={t('guests.join.title')} intro={t('guests.join.intro')}>
      {home.data ? (
        <Alert tone="info" title={t('guests.join.alreadyTitle', { session: home.data.session.title })}>
          <p>
            <ButtonLink to="/rejoindre/seance">{t('guests.join.continue')}</ButtonLink>
          </p>
        </Alert>
      ) : null}
      {me ? <ClaimGuest /> : null}
      <form className={styles.joinForm} onSubmit={submit} noValidate>
        <TextField
          label={t('guests.join.code')}
          description={t('guests.join.codeHelp')}
          value={code}
          onChange={setCode}
          autoComplete="off"
          errorMessage={problems.code}
        />
        <TextField
          label={t('guests.join.name')}
          description={t('guests.join.nameHelp')}
          value={name}
          onChange={setName}
          autoComplete="name"
          maxLength={120}
          errorMessage={problems.name}
        />
        <Button type="submit" isPending={join.isPending}>
          {t('guests.join.submit')}
        </Button>
        <FormStatus message={message} />
      </form>
      <p className={styles.muted}>{t('guests.join.privacy')}</p>
    </FormPage>
  );
}
