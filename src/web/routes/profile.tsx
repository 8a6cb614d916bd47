import { useTranslation } from 'react-i18next';
import { FormPage } from '../components/form-page.tsx';
import { MyDataSection } from '../features/account/my-data-section.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { SignOutEverywhereSection } from '../features/auth/sign-out-everywhere.tsx';
import { MyCalendarFeed } from '../features/calendar/my-calendar-feed.tsx';
import { MailPreferenceSection } from '../features/mail/mail-preference-form.tsx';
import { NewsletterPreferenceSection } from '../features/newsletters/newsletter-settings.tsx';
import { ProfileForm } from '../features/profile/profile-form.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {(me) => (
        <FormPage title={t('profile.title')} intro={t('profile.intro')} isWide>
          <ProfileForm me={me} />
          <MyCalendarFeed />
          <MailPreferenceSection />
          <NewsletterPreferenceSection />
          <SignOutEverywhereSection />
          <MyDataSection />
        </FormPage>
      )}
    </RequireAuth>
  );
}
