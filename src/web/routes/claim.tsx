import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ClaimPreview } from '../../contract/placeholder.ts';
import type { Me } from '../../contract/user.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { ButtonLink } from '../components/button-link.tsx';
import { FormPage } from '../components/form-page.tsx';
import { FormStatus } from '../components/form-status.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Tabs } from '../components/tabs.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { SignInForm } from '../features/auth/sign-in-form.tsx';
import { SignUpForm } from '../features/auth/sign-up-form.tsx';
import { useAcceptClaim, useClaimPreview } from '../features/placeholders/placeholder-api.ts';
import styles from '../features/placeholders/placeholders.module.css';
import { errorCode, isNotFound, useErrorMessage } from '../lib/error-message.ts';

/**
 * Signing in happens here, not on /sign-in?next=…: the link's secret then never travels in a
 * query string or a second URL (the access log redacts /claim/ paths only).
 */
function SignInFirst({ preview }: { preview: ClaimPreview }) {
  const { t } = useTranslation();
  const stay = () => {};
  return (
    <div className={styles.claim}>
      <p>{t('placeholders.claim.signInFirst')}</p>
      <Tabs
        label={t('placeholders.claim.accountChoice')}
        isFitted
        items={[
          {
            id: 'sign-up',
            label: t('placeholders.claim.signUp'),
            panel: (
              <SignUpForm
                onSignedUp={stay}
                initial={{ name: preview.placeholderName, email: preview.email }}
              />
            ),
          },
          { id: 'sign-in', label: t('placeholders.claim.signIn'), panel: <SignInForm onSignedIn={stay} /> },
        ]}
      />
    </div>
  );
}

type AcceptMutation = ReturnType<typeof useAcceptClaim>;

function Accept({ accept, me }: { accept: AcceptMutation; me: Me }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  if (accept.data) {
    return (
      <div className={styles.claim}>
        <Alert tone="success" role="status" title={t('placeholders.claim.doneTitle', { name: me.name })}>
          <p>
            {t('placeholders.claim.done', {
              actions: t('placeholders.actionCount', { count: accept.data.actionCount }),
              sessions: t('placeholders.sessionCount', { count: accept.data.sessionCount }),
            })}
          </p>
        </Alert>
        <p>
          <ButtonLink to="/my-actions">{t('header.myActions')}</ButtonLink>{' '}
          <ButtonLink to={`/c/${encodeURIComponent(accept.data.communitySlug)}`} variant="secondary">
            {t('placeholders.claim.toCommunity')}
          </ButtonLink>
        </p>
      </div>
    );
  }
  return (
    <div className={styles.claim}>
      <p className={styles.accountLine}>
        {t('placeholders.claim.signedInAs', { name: me.name, email: me.email })}
      </p>
      <FormStatus message={accept.error ? { tone: 'danger', text: errorMessage(accept.error) } : null} />
      <div>
        <Button onClick={() => accept.mutate()} isPending={accept.isPending}>
          {t('placeholders.claim.accept')}
        </Button>
      </div>
    </div>
  );
}

export function ClaimPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useClaimPreview(token);
  const me = useMe();
  // Held here: once accepted, the preview reads "accepted", yet this page shows the welcome.
  const accept = useAcceptClaim(token);
  if (preview.isPending || me.isPending) return <LoadingState />;
  if (preview.isError) {
    if (isNotFound(preview.error) || errorCode(preview.error) === 'INVALID_INPUT') {
      return (
        <FormPage title={t('placeholders.claim.unknownTitle')}>
          <Alert tone="warning">
            <p>{t('placeholders.claim.unknown')}</p>
          </Alert>
        </FormPage>
      );
    }
    return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  }
  const data = preview.data;
  return (
    <FormPage
      title={t('placeholders.claim.title', { community: data.communityName })}
      intro={t('placeholders.claim.intro', {
        by: data.invitedByName ?? t('placeholders.claim.team'),
        name: data.placeholderName,
        community: data.communityName,
      })}
    >
      {accept.data && me.data ? (
        <Accept accept={accept} me={me.data} />
      ) : data.state !== 'pending' ? (
        <Alert tone="warning" title={t(`placeholders.claim.state.${data.state}Title`)}>
          <p>{t(`placeholders.claim.state.${data.state}`)}</p>
        </Alert>
      ) : me.data ? (
        <Accept accept={accept} me={me.data} />
      ) : (
        <SignInFirst preview={data} />
      )}
    </FormPage>
  );
}
