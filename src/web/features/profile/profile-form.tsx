import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contract/user.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { RadioGroupField } from '../../components/radio-group-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { changeLanguage } from '../../i18n/i18n.ts';
import type { Language } from '../../i18n/language.ts';
import { userSchemas } from '../../lib/contract-schemas.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import {
  type FieldIssues,
  issuesFromApiError,
  preloadSchema,
  useFocusFirstInvalid,
  useIssueMessage,
  validate,
} from '../../lib/form-validation.ts';
import { TerritoryPicker } from '../territories/territory-picker.tsx';
import { useProfile, useUpdateProfile } from './profile-api.ts';

const loadSchema = () => userSchemas().then((m) => m.profileUpdateSchema);

/** An empty optional field means "not said", which the API stores as null. */
function orNull(text: string): string | null {
  return text.trim() === '' ? null : text;
}

export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const issueMessage = useIssueMessage();
  const errorMessage = useErrorMessage();
  const update = useUpdateProfile();
  const [name, setName] = useState(me.name);
  const [organisation, setOrganisation] = useState(me.organisation ?? '');
  const [territory, setTerritory] = useState(me.territory ?? '');
  const [bio, setBio] = useState(me.bio ?? '');
  const [locale, setLocale] = useState<Language>(me.locale);
  const profile = useProfile();
  // null until touched: the saved territories are sent back only when the person changed them.
  const [territoryCodes, setTerritoryCodes] = useState<string[] | null>(null);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const formRef = useFocusFirstInvalid(issues);
  const serverIssues = issuesFromApiError(update.error);
  const fieldError = (field: string) => issueMessage(issues[field] ?? serverIssues[field]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const input = {
      name,
      organisation: orNull(organisation),
      territory: orNull(territory),
      bio: orNull(bio),
      locale,
      ...(territoryCodes && { territoryCodes }),
    };
    const result = await validate(loadSchema, input);
    setIssues(result.ok ? {} : result.issues);
    if (!result.ok) {
      const formIssue = issueMessage(result.issues.form);
      if (formIssue) setMessage({ tone: 'danger', text: formIssue });
      return;
    }
    update.mutate(result.data, {
      onSuccess: async ({ user }) => {
        await changeLanguage(user.locale);
        // Written after the switch, so the confirmation speaks the newly chosen language.
        setMessage({ tone: 'success', text: t('profile.saved', { lng: user.locale }) });
      },
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  }

  return (
    <form
      ref={formRef}
      className={formStyles.form}
      onSubmit={onSubmit}
      onFocus={preloadSchema(loadSchema)}
      noValidate
    >
      <TextField label={t('auth.email')} value={me.email} isReadOnly description={t('profile.emailHint')} />
      <TextField
        label={t('profile.name')}
        autoComplete="name"
        value={name}
        onChange={setName}
        errorMessage={fieldError('name')}
        isRequired
      />
      <div className={formStyles.row}>
        <TextField
          label={t('profile.organisation')}
          description={t('profile.organisationHint')}
          autoComplete="organization"
          value={organisation}
          onChange={setOrganisation}
          errorMessage={fieldError('organisation')}
          isOptional
        />
        <TextField
          label={t('profile.territory')}
          description={t('profile.territoryHint')}
          value={territory}
          onChange={setTerritory}
          errorMessage={fieldError('territory')}
          isOptional
        />
      </div>
      <TextField
        label={t('profile.bio')}
        description={t('profile.bioHint')}
        value={bio}
        onChange={setBio}
        errorMessage={fieldError('bio')}
        multiline
        isOptional
      />
      <TerritoryPicker
        value={territoryCodes ?? profile.data?.territoryCodes ?? []}
        onChange={setTerritoryCodes}
        errorMessage={fieldError('territoryCodes')}
      />
      <RadioGroupField<Language>
        label={t('profile.language')}
        value={locale}
        onChange={setLocale}
        isHorizontal
        options={[
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ]}
      />
      <FormStatus message={message} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={update.isPending}>
          {t('profile.save')}
        </Button>
      </div>
    </form>
  );
}
