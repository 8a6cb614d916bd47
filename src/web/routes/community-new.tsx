import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { FormPage } from '../components/form-page.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { useCreateCommunity } from '../features/communities/community-api.ts';
import { CommunityForm } from '../features/communities/community-form.tsx';

function NewCommunityForm() {
  const navigate = useNavigate();
  const create = useCreateCommunity();
  const [search] = useSearchParams();
  return (
    <CommunityForm
      mode="create"
      parentSlug={search.get('parent') ?? undefined}
      isPending={create.isPending}
      error={create.error}
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (community) => navigate(`/c/${encodeURIComponent(community.slug)}`),
        })
      }
    />
  );
}

export function NewCommunityPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <FormPage title={t('communityForm.createTitle')} intro={t('communityForm.createIntro')} isWide>
          <NewCommunityForm />
        </FormPage>
      )}
    </RequireAuth>
  );
}
