import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AbilitiesDto } from '../../../contract/abilities.ts';
import type { RoleDto } from '../../../contract/challenge.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { MarkdownText } from '../../components/markdown-text.tsx';
import { Meter } from '../../components/meter.tsx';
import { Section } from '../../components/section.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCreateRole, useDeleteRole, useTakeRole } from './challenge-api.ts';
import styles from './challenges.module.css';

function RoleItem({ role }: { role: RoleDto }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const take = useTakeRole(role.eventId, role.id);
  const remove = useDeleteRole(role.eventId, role.id);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const missing = Math.max(0, role.needed - role.takenCount);
  const onError = (error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) });
  return (
    <Card as="li" className={styles.card}>
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>{role.title}</h3>
        {missing === 0 ? (
          <Badge tone="success">{t('challenges.roles.complete')}</Badge>
        ) : (
          <Badge tone="warning">{t('challenges.roles.missing', { count: missing })}</Badge>
        )}
        {role.iTakeIt ? <Badge tone="primary">{t('challenges.roles.youTakeIt')}</Badge> : null}
      </div>
      {role.description ? <MarkdownText source={role.description} topLevel={5} /> : null}
      <Meter
        label={t('challenges.roles.meter')}
        value={role.takenCount}
        maxValue={role.needed}
        valueLabel={t('challenges.roles.taken', { taken: role.takenCount, needed: role.needed })}
      />
      {role.takers.length > 0 ? (
        <p className={styles.names}>{role.takers.map((person) => person.name).join(', ')}</p>
      ) : role.takenCount > 0 ? (
        <p className={styles.muted}>{t('challenges.roles.takersHidden')}</p>
      ) : null}
      {role.abilities.takePart || role.abilities.steer ? (
        <div className={styles.row}>
          {role.abilities.takePart && role.iTakeIt ? (
            <Button
              variant="secondary"
              size="sm"
              isPending={take.isPending}
              onClick={() =>
                take.mutate(false, {
                  onSuccess: () => setMessage({ tone: 'success', text: t('challenges.roles.released') }),
                  onError,
                })
              }
            >
              {t('challenges.roles.release')}
            </Button>
          ) : null}
          {role.abilities.takePart && !role.iTakeIt && missing > 0 ? (
            <Button
              size="sm"
              isPending={take.isPending}
              onClick={() =>
                take.mutate(true, {
                  onSuccess: () => setMessage({ tone: 'success', text: t('challenges.roles.tookIt') }),
                  onError,
                })
              }
            >
              {t('challenges.roles.take')}
            </Button>
          ) : null}
          {role.abilities.steer ? (
            <ConfirmButton
              size="sm"
              variant="secondary"
              title={t('challenges.roles.delete.title')}
              message={t('challenges.roles.delete.message')}
              confirmLabel={t('challenges.roles.delete.confirm')}
              isPending={remove.isPending}
              onConfirm={() => remove.mutate(undefined, { onError })}
            >
              {t('challenges.roles.delete.button')}
            </ConfirmButton>
          ) : null}
        </div>
      ) : null}
      <FormStatus message={message} />
    </Card>
  );
}

function NewRoleForm({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const create = useCreateRole(eventId);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [needed, setNeeded] = useState('1');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { title, description, needed: Number(needed) },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
          setNeeded('1');
          setMessage({ tone: 'success', text: t('challenges.roles.create.created') });
        },
        onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
      },
    );
  };
  return (
    <form className={styles.form} onSubmit={submit}>
      <h3 className={styles.formTitle}>{t('challenges.roles.create.title')}</h3>
      <TextField label={t('challenges.roles.create.name')} value={title} onChange={setTitle} isRequired />
      <TextField
        label={t('challenges.roles.create.needed')}
        value={needed}
        onChange={setNeeded}
        type="number"
        min={1}
        isRequired
      />
      <TextField
        label={t('challenges.roles.create.description')}
        value={description}
        onChange={setDescription}
        multiline
        rows={2}
        isOptional
      />
      <div className={styles.row}>
        <Button type="submit" isPending={create.isPending}>
          {t('challenges.roles.create.submit')}
        </Button>
      </div>
      <FormStatus message={message} />
    </form>
  );
}

export interface EventRolesProps {
  eventId: string;
  roles: RoleDto[];
  /** The event's abilities: organisers (steer) add roles. */
  abilities: AbilitiesDto;
}

/** "Qui porte quoi le jour J ?": the event's roles, taken and released by members, added by organisers. */
export function EventRoles({ eventId, roles, abilities }: EventRolesProps) {
  const { t } = useTranslation();
  if (roles.length === 0 && !abilities.steer) return null;
  const membersOnly =
    roles.length > 0 && abilities.takePart && roles.every((role) => !role.abilities.takePart);
  return (
    <Section title={t('challenges.roles.title')} description={t('challenges.roles.intro')}>
      {roles.length === 0 ? (
        <p className={styles.muted}>{t('challenges.roles.none')}</p>
      ) : (
        <ul className={styles.list}>
          {roles.map((role) => (
            <RoleItem key={role.id} role={role} />
          ))}
        </ul>
      )}
      {membersOnly ? <p className={styles.muted}>{t('challenges.roles.membersOnly')}</p> : null}
      {abilities.steer ? (
        <Card>
          <NewRoleForm eventId={eventId} />
        </Card>
      ) : null}
    </Section>
  );
}
