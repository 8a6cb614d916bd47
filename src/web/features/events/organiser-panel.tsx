import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { EventDto, SiteDto, SlotDto } from '../../../contract/event.ts';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { runReported, useActionStatus } from '../../lib/action-status.ts';
import { formatTime } from '../sessions/session-time.ts';
import { useDeleteEvent, useDeleteSite, useDeleteSlot, useUpdateEvent } from './event-api.ts';
import { byDay } from './event-time.ts';
import styles from './events.module.css';
import { RegistrationsTable } from './registrations-table.tsx';
import { SiteDialog } from './site-dialog.tsx';
import { SlotDialog } from './slot-dialog.tsx';

type Editing = { kind: 'site'; site?: SiteDto } | { kind: 'slot'; slot?: SlotDto } | null;

function EventActions({ event }: { event: EventDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateEvent(event.id);
  const remove = useDeleteEvent(event.id);
  const { message, report } = useActionStatus();
  return (
    <>
      <div className={formStyles.actions}>
        <ButtonLink variant="secondary" to={`/events/${encodeURIComponent(event.id)}/edit`}>
          {t('events.organise.edit')}
        </ButtonLink>
        {event.cancelled ? (
          <Button
            variant="secondary"
            isPending={update.isPending}
            onClick={() =>
              runReported(update.mutateAsync, { cancelled: false }, report(t('events.organise.restored')))
            }
          >
            {t('events.organise.restore')}
          </Button>
        ) : (
          <ConfirmButton
            title={t('events.organise.cancelTitle')}
            message={t('events.organise.cancelMessage')}
            confirmLabel={t('events.organise.cancel')}
            isPending={update.isPending}
            onConfirm={() =>
              runReported(update.mutateAsync, { cancelled: true }, report(t('events.organise.cancelledDone')))
            }
          >
            {t('events.organise.cancel')}
          </ConfirmButton>
        )}
        <ConfirmButton
          title={t('events.organise.deleteTitle')}
          message={t('events.organise.deleteMessage')}
          confirmLabel={t('events.organise.delete')}
          isPending={remove.isPending}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => navigate(`/c/${encodeURIComponent(event.communitySlug)}/events`),
              onError: report('').onError,
            })
          }
        >
          {t('events.organise.delete')}
        </ConfirmButton>
      </div>
      <FormStatus message={message} />
    </>
  );
}

/** The organisers' tools: the event itself, its sites, its programme, its registrations. */
export function OrganiserPanel({ event }: { event: EventDto }) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);
  const deleteSite = useDeleteSite(event.id);
  const deleteSlot = useDeleteSlot(event.id);
  const { message, report } = useActionStatus();
  const close = () => setEditing(null);
  const time = (iso: string) => formatTime(iso, i18n.language, event.timeZone);
  return (
    <Section title={t('events.organise.title')} description={t('events.organise.intro')}>
      <EventActions event={event} />
      <h3 className={styles.subTitle}>{t('events.organise.sites')}</h3>
      {event.sites.length === 0 ? <p className={styles.muted}>{t('events.organise.noSites')}</p> : null}
      <ul className={styles.manageList}>
        {event.sites.map((site) => (
          <ManageItem
            key={site.id}
            name={site.name}
            detail={site.online ? t('events.site.online') : site.address}
            onEdit={() => setEditing({ kind: 'site', site })}
            deleteTitle={t('events.organise.deleteSiteTitle', { name: site.name })}
            deleteMessage={t('events.organise.deleteSiteMessage')}
            onDelete={() =>
              runReported(deleteSite.mutateAsync, site.id, report(t('events.organise.deleted')))
            }
          />
        ))}
      </ul>
      <div>
        <Button variant="secondary" onClick={() => setEditing({ kind: 'site' })}>
          {t('events.site.addTitle')}
        </Button>
      </div>
      <h3 className={styles.subTitle}>{t('events.organise.slots')}</h3>
      {event.slots.length === 0 ? <p className={styles.muted}>{t('events.organise.noSlots')}</p> : null}
      <ul className={styles.manageList}>
        {byDay(event.slots, event.timeZone).flatMap(([, slots]) =>
          slots.map((slot) => (
            <ManageItem
              key={slot.id}
              name={slot.title}
              detail={`${new Intl.DateTimeFormat(i18n.language, {
                timeZone: event.timeZone,
                dateStyle: 'short',
              }).format(
                new Date(slot.startsAt),
              )} ${time(slot.startsAt)}–${time(slot.endsAt)} · ${t(`events.kind.${slot.kind}`)}`}
              onEdit={() => setEditing({ kind: 'slot', slot })}
              deleteTitle={t('events.organise.deleteSlotTitle', { name: slot.title })}
              deleteMessage={t('events.organise.deleteSlotMessage')}
              onDelete={() =>
                runReported(deleteSlot.mutateAsync, slot.id, report(t('events.organise.deleted')))
              }
            />
          )),
        )}
      </ul>
      <div>
        <Button variant="secondary" onClick={() => setEditing({ kind: 'slot' })}>
          {t('events.slot.addTitle')}
        </Button>
      </div>
      <FormStatus message={message} />
      <RegistrationsTable event={event} />
      {editing?.kind === 'site' ? (
        <SiteDialog eventId={event.id} site={editing.site} onClose={close} />
      ) : null}
      {editing?.kind === 'slot' ? <SlotDialog event={event} slot={editing.slot} onClose={close} /> : null}
    </Section>
  );
}

/** One site or slot in the organisers' lists: its name and details, edit, delete (asked first). */
function ManageItem(props: {
  name: string;
  detail: string;
  onEdit: () => void;
  deleteTitle: string;
  deleteMessage: string;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  return (
    <li className={styles.manageItem}>
      <span>
        <strong>{props.name}</strong> <span className={styles.muted}>{props.detail}</span>
      </span>
      <span className={formStyles.actions}>
        <Button
          size="sm"
          variant="secondary"
          onClick={props.onEdit}
          aria-label={t('events.organise.editNamed', { name: props.name })}
        >
          {t('events.organise.editShort')}
        </Button>
        <ConfirmButton
          size="sm"
          title={props.deleteTitle}
          message={props.deleteMessage}
          confirmLabel={t('events.organise.delete')}
          onConfirm={props.onDelete}
        >
          <span aria-hidden="true">{t('events.organise.delete')}</span>
          <span className="visually-hidden">{t('events.organise.deleteNamed', { name: props.name })}</span>
        </ConfirmButton>
      </span>
    </li>
  );
}
