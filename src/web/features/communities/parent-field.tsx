import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/select-field.tsx';
import { useCommunities } from './community-api.ts';

/**
 * "Antenne de": shown only to someone who animates a community that may have branches (not itself
 * a branch: one level, decision 035). Empty means a community of its own.
 */
export function ParentField({ value, onChange }: { value: string; onChange: (slug: string) => void }) {
  const { t } = useTranslation();
  const mine = useCommunities({ mine: true });
  const animated = (mine.data ?? []).filter(
    (c) => c.myRole === 'animator' && c.myStatus === 'active' && c.parent === undefined,
  );
  if (animated.length === 0) return null;
  return (
    <SelectField
      label={t('communityForm.parent')}
      description={t('communityForm.parentHint')}
      value={value}
      onChange={onChange}
      options={[
        { value: '', label: t('communityForm.parentNone') },
        ...animated.map((c) => ({ value: c.slug, label: c.name })),
      ]}
    />
  );
}
