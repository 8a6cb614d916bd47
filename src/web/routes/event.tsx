import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { MarkdownText } from '../components/markdown-text.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { EventChallenges } from '../features/challenges/event-challenges.tsx';
import { EventRoles } from '../features/challenges/event-roles.tsx';
import { useEvent } from '../features/events/event-api.ts';
import { EventHeader, EventSites } from '../features/events/event-header.tsx';
import { EventCard } from '../features/events/event-list.tsx';
import styles from '../features/events/events.module.css';
import { OrganiserPanel } from '../features/events/organiser-panel.tsx';
import { Programme } from '../features/events/programme.tsx';
import { RegistrationPanel } from '../features/events/registration-panel.tsx';
import { EventOpenSpaces } from '../features/open-spaces/event-open-spaces.tsx';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/**
 * `/events/:id`: an event anyone may open when it is public (no account needed), its programme
 * as a timetable, registration (a member's one click, a guest's form), the events within it,
 * and the organisers' panel.
 */
export function EventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const isSignedIn = Boolean(me.data);
  const event = useEvent(id, isSignedIn);
  if (event.isPending || me.isPending) return <LoadingState />;
  if (event.isError) {
    if (isNotFound(event.error)) return <NotFoundPage />;
    return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  }
  const data = event.data;
  return (
    <div className={styles.layout}>
      <EventHeader event={data} />
      <EventSites event={data} />
      {data.description ? (
        <Section title={t('events.description')}>
          <MarkdownText source={data.description} topLevel={3} />
        </Section>
      ) : null}
      <Section title={t('events.programme.title')}>
        <Programme event={data} />
      </Section>
      <Section title={t('events.register.title')}>
        <RegistrationPanel event={data} isSignedIn={isSignedIn} />
      </Section>
      <EventRoles eventId={data.id} roles={data.roles} abilities={data.abilities} />
      <EventChallenges
        eventId={data.id}
        challenges={data.challenges}
        abilities={data.abilities}
        communitySlug={data.communitySlug}
      />
      <EventOpenSpaces event={data} />
      {data.children.length > 0 ? (
        <Section title={t('events.children')}>
          <ul className={styles.cards}>
            {data.children.map((child) => (
              <EventCard key={child.id} event={child} />
            ))}
          </ul>
        </Section>
      ) : null}
      {data.abilities.steer ? <OrganiserPanel event={data} /> : null}
    </div>
  );
}
