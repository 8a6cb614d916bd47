import { type FormEvent, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Circle, CircleMember } from '../../../contract/circle.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCommunityMembers } from '../communities/community-members-api.ts';
import { useAppointFacilitator } from './steward-api.ts';

/**
 * Stewards of a circle: name a facilitator among the community's members (a co-facilitator, a
 * successor). Un-naming stays in the member list ("Rendre participant·e"). The community's members
 * are read when the steward asks for the form, not with every visit of the circle page.
 */
export function AppointFacilitator(props: { circle: Circle; members: CircleMember[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Section title={t('stewards.facilitator.title')} description={t('stewards.facilitator.description')}>
      {open ? (
        <Suspense fallback={<LoadingState />}>
          <Appoint {...props} />
        </Suspense>
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('stewards.facilitator.open')}
        </Button>
      )}
    </Section>
  );
}

function Appoint({ circle, members }: { circle: Circle; members: CircleMember[] }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const community = useCommunityMembers(circle.communitySlug, true);
  const appoint = useAppointFacilitator(circle.id);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  // The button that revealed the form is gone: focus goes to the form's first field.
  useEffect(() => select.current?.focus(), []);
  const facilitators = new Set(
    members.filter((m) => m.role === 'facilitator' && m.status === 'member').map((m) => m.id),
  );
  const candidates = (community.data ?? []).filter((m) => m.status === 'active' && !facilitators.has(m.id));
  const options = [
    { value: '', label: t('stewards.facilitator.pick') },
    ...candidates.map((m) => ({ value: m.id, label: m.name })),
  ];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const person = candidates.find((m) => m.id === chosen);
    if (!person) {
      setMessage({ tone: 'danger', text: t('stewards.facilitator.required') });
      return;
    }
    appoint.mutate(person.id, {
      onSuccess: () => {
        setChosen('');
        setMessage({ tone: 'success', text: t('stewards.facilitator.named', { name: person.name }) });
      },
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  return (
    <form className={formStyles.form} onSubmit={onSubmit} noValidate>
      <SelectField
        selectRef={select}
        label={t('stewards.facilitator.person')}
        options={options}
        value={chosen}
        onChange={setChosen}
      />
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={appoint.isPending}>
          {t('stewards.facilitator.submit')}
        </Button>
      </div>
    </form>
  );
}
