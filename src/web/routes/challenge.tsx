import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { EventDto } from '../../contract/event.ts';
import { Card } from '../components/card.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { eventKey, useChallenge } from '../features/challenges/challenge-api.ts';
import { Carriers, ChallengeBody, DeleteChallengeButton } from '../features/challenges/challenge-body.tsx';
import { apiRequest } from '../lib/api-client.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** A challenge's own page: its question, carriers, teams to join and the outcome. */
export function ChallengePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const challenge = useChallenge(id, Boolean(me.data));
  const eventId = challenge.data?.eventId ?? '';
  const event = useQuery({
    queryKey: eventKey(eventId),
    queryFn: ({ signal }) =>
      apiRequest<EventDto>(`/api/v1/events/${encodeURIComponent(eventId)}`, { signal }),
    enabled: eventId !== '',
  });
  if (challenge.isPending) return <LoadingState />;
  if (challenge.isError) {
    if (isNotFound(challenge.error)) return <NotFoundPage />;
    return <ErrorState error={challenge.error} onRetry={() => void challenge.refetch()} />;
  }
  const data = challenge.data;
  // The event page's copy is what changes refresh: read the challenge from it once loaded.
  const current = event.data?.challenges.find((row) => row.id === data.id) ?? data;
  return (
    <div>
      <PageHeader
        title={current.question}
        eyebrow={
          event.data ? (
            <Link to={`/events/${encodeURIComponent(event.data.id)}`}>
              {t('challenges.ofEvent', { title: event.data.title })}
            </Link>
          ) : null
        }
        description={<Carriers challenge={current} />}
        actions={
          event.data?.abilities.steer ? (
            <DeleteChallengeButton
              challenge={current}
              onDeleted={() => void navigate(`/events/${eventId}`)}
            />
          ) : null
        }
      />
      <Card>
        <ChallengeBody challenge={current} isSignedIn={Boolean(me.data)} />
      </Card>
    </div>
  );
}
