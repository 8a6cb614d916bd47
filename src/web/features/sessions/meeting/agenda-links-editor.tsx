import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem, Session } from '../../../../contract/session.ts';
import { Button } from '../../../components/button.tsx';
import fieldStyles from '../../../components/field.module.css';
import { FormStatus } from '../../../components/form-status.tsx';
import { runReported, useActionStatus } from '../../../lib/action-status.ts';
import { ItemTimes } from '../agenda-view.tsx';
import styles from './meeting.module.css';
import { useAddAgendaLink, useLinkTargets, useRemoveAgendaLink } from './meeting-api.ts';

function ItemLinksEditor({
  session,
  item,
  targets,
}: {
  session: Session;
  item: AgendaItem;
  targets: { kind: Session['agendaLinks'][number]['kind']; id: string; title: string }[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const { message, report } = useActionStatus();
  const add = useAddAgendaLink(session.id);
  const remove = useRemoveAgendaLink(session.id);
  const [choice, setChoice] = useState('');
  const links = session.agendaLinks.filter((link) => link.itemId === item.id);
  const free = targets.filter(
    (target) => !links.some((link) => link.kind === target.kind && link.targetId === target.id),
  );
  return (
    <li className={styles.prepItem}>
      <div className={styles.prepItemHead}>
        <ItemTimes item={item} timeZone={session.timeZone} /> <strong>{item.title}</strong>
      </div>
      {links.length ? (
        <ul className={styles.prepLinks}>
          {links.map((link) => (
            <li key={link.id}>
              <span className={styles.linkKind}>{t(`meeting.links.kind.${link.kind}`)}</span> {link.title}{' '}
              <Button
                size="sm"
                variant="ghost"
                isPending={remove.isPending}
                aria-label={t('meeting.links.remove', { title: link.title })}
                onClick={() => runReported(remove.mutateAsync, link.id, report(t('meeting.links.removed')))}
              >
                <span aria-hidden="true">×</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>{t('meeting.links.none')}</p>
      )}
      {free.length ? (
        <form
          className={styles.prepForm}
          onSubmit={(event) => {
            event.preventDefault();
            const [kind, ...rest] = choice.split(':');
            const target = free.find(
              (candidate) => candidate.kind === kind && candidate.id === rest.join(':'),
            );
            if (!target) return;
            runReported(
              add.mutateAsync,
              { itemId: item.id, kind: target.kind, targetId: target.id },
              report(t('meeting.links.added')),
            );
            setChoice('');
          }}
        >
          <label className="visually-hidden" htmlFor={`${id}-target`}>
            {t('meeting.links.pickLabel', { title: item.title })}
          </label>
          <select
            id={`${id}-target`}
            className={fieldStyles.input}
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t('meeting.links.pick')}</option>
            {free.map((target) => (
              <option key={`${target.kind}:${target.id}`} value={`${target.kind}:${target.id}`}>
                {t(`meeting.links.kind.${target.kind}`)} · {target.title}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" size="sm" isPending={add.isPending} disabled={!choice}>
            {t('meeting.links.add')}
          </Button>
        </form>
      ) : null}
      <FormStatus message={message} />
    </li>
  );
}

/** The preparation view's links: what each item opens during the session. */
export function AgendaLinksEditor({ session }: { session: Session }) {
  const { t } = useTranslation();
  const targets = useLinkTargets(session.id, session.abilities.steer);
  if (session.agenda.length === 0) return null;
  const items = targets.data?.items ?? [];
  return (
    <>
      {targets.isSuccess && items.length === 0 ? (
        <p className={styles.muted}>{t('meeting.links.nothingToLink')}</p>
      ) : null}
      <ol className={styles.prepList}>
        {session.agenda.map((item) => (
          <ItemLinksEditor key={item.id} session={session} item={item} targets={items} />
        ))}
      </ol>
    </>
  );
}
