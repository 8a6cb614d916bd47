import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { useCommunity } from '../features/communities/community-api.ts';
import { useCreateEvent, useEvent, useUpdateEvent } from '../features/events/event-api.ts';
import { CreateEventForm, EditEventForm } from '../features/events/event-form.tsx';
import styles from '../features/events/events.module.css';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

const eventUrl = (id: string) => `/events/${encodeURIComponent(id)}`;

/** `/c/:slug/events/new`: a new event of the community, for its animators. */
export function NewEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  const create = useCreateEvent(slug);
  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  if (!community.data.abilities.steer) return <NotFoundPage />;
  return (
    <div className={styles.narrow}>
      <PageHeader
        title={t('events.form.newTitle')}
        eyebrow={<Link to={`/c/${encodeURIComponent(slug)}/events`}>{community.data.name}</Link>}
        description={t('events.form.newIntro')}
      />
      <CreateEventForm
        slug={slug}
        submitLabel={t('events.form.create')}
        isPending={create.isPending}
        serverError={create.error}
        onValid={(input) => create.mutate(input, { onSuccess: (event) => navigate(eventUrl(event.id)) })}
      />
    </div>
  );
}

/** `/events/:id/edit`: the event's organisers change what the form holds. */
export function EditEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useMe();
  const event = useEvent(id, Boolean(me.data));
  const update = useUpdateEvent(id);
  if (event.isPending) return <LoadingState />;
  if (event.isError) {
    if (isNotFound(event.error)) return <NotFoundPage />;
    return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  }
  if (!event.data.abilities.steer) return <NotFoundPage />;
  return (
    <div className={styles.narrow}>
      <PageHeader
        title={t('events.form.editTitle')}
        eyebrow={<Link to={eventUrl(id)}>{event.data.title}</Link>}
      />
      <EditEventForm
        slug={event.data.communitySlug}
        event={event.data}
        submitLabel={t('events.form.save')}
        isPending={update.isPending}
        serverError={update.error}
        onValid={(input) => update.mutate(input, { onSuccess: () => navigate(eventUrl(id)) })}
      />
    </div>
  );
}
