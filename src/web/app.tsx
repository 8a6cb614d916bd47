import { type ComponentType, Suspense } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { AppFrame } from './components/app-frame.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { LoadingState } from './components/query-state.tsx';
import { UnsavedChangesGuard } from './components/unsaved-changes.tsx';
import { SiteFooter } from './features/shell/site-footer.tsx';
import { SiteHeader } from './features/shell/site-header.tsx';
import { useProfileLanguage } from './features/shell/use-profile-language.ts';
import { loadFeatureStrings } from './i18n/catalogues.ts';
import { currentLanguage } from './i18n/i18n.ts';
import { lazyNamed } from './lib/lazy-named.ts';
// The landing page, in the first load too: as its own chunk it drew in shared groups built for
// other screens (polls, memberships) and cost three more requests.
import { HomePage } from './routes/home.tsx';
// In the first load: tiny, the fallback of every unknown address, and imported by most screens
// (their own "not found"), where a chunk of its own would cost each a request.
import { UnknownAddressPage } from './routes/not-found.tsx';

/**
 * Each screen is its own chunk: a visitor downloads only the screens they open. The features'
 * strings download beside it (one chunk per language) and the screen renders once both are in:
 * no raw keys on screen.
 */
function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  const withStrings = () =>
    Promise.all([load(), loadFeatureStrings(currentLanguage())]).then(([module]) => module);
  return lazyNamed(withStrings, name).Component;
}

const MyCirclesPage = screen(() => import('./routes/my-circles.tsx'), 'MyCirclesPage');
const CommunityPage = screen(() => import('./routes/community.tsx'), 'CommunityPage');
const CommunityDashboardPage = screen(
  () => import('./routes/community-dashboard.tsx'),
  'CommunityDashboardPage',
);
const CommunityMapPage = screen(() => import('./routes/community-map.tsx'), 'CommunityMapPage');
const NewCommunityPage = screen(() => import('./routes/community-new.tsx'), 'NewCommunityPage');
const CirclePage = screen(() => import('./routes/circle.tsx'), 'CirclePage');
const JoinPage = screen(() => import('./routes/join.tsx'), 'JoinPage');
const SignInPage = screen(() => import('./routes/sign-in.tsx'), 'SignInPage');
const SignUpPage = screen(() => import('./routes/sign-up.tsx'), 'SignUpPage');
const ForgotPasswordPage = screen(() => import('./routes/forgot-password.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = screen(() => import('./routes/reset-password.tsx'), 'ResetPasswordPage');
const SignInLinkPage = screen(() => import('./routes/sign-in-link.tsx'), 'SignInLinkPage');
const VerifyEmailPage = screen(() => import('./routes/verify-email.tsx'), 'VerifyEmailPage');
const ProfilePage = screen(() => import('./routes/profile.tsx'), 'ProfilePage');
const AccountDeletedPage = screen(() => import('./routes/account-deleted.tsx'), 'AccountDeletedPage');
const ImportNotesPage = screen(
  () => import('./features/sessions/import/import-notes-page.tsx'),
  'ImportNotesPage',
);
const BoardPage = screen(() => import('./routes/board.tsx'), 'BoardPage');
const SessionPage = screen(() => import('./routes/session.tsx'), 'SessionPage');
const SessionMeetingPage = screen(() => import('./routes/session-meeting.tsx'), 'SessionMeetingPage');
const SessionProjectorPage = screen(() => import('./routes/session-projector.tsx'), 'SessionProjectorPage');
const SessionPreparePage = screen(() => import('./routes/session-prepare.tsx'), 'SessionPreparePage');
const PollPage = screen(() => import('./routes/poll.tsx'), 'PollPage');
const SessionMinutesPage = screen(() => import('./routes/session-minutes.tsx'), 'SessionMinutesPage');
const MyActionsPage = screen(() => import('./routes/my-actions.tsx'), 'MyActionsPage');
const MySessionsPage = screen(() => import('./routes/my-sessions.tsx'), 'MySessionsPage');
const DatePollPage = screen(() => import('./routes/date-poll.tsx'), 'DatePollPage');
const DatePollLinkPage = screen(() => import('./routes/date-poll-guest.tsx'), 'DatePollLinkPage');
const DatePollGuestEditPage = screen(() => import('./routes/date-poll-guest.tsx'), 'DatePollGuestEditPage');
const SignupSheetPage = screen(() => import('./routes/signup-sheet.tsx'), 'SignupSheetPage');
const AdminOutboxPage = screen(() => import('./routes/admin-outbox.tsx'), 'AdminOutboxPage');
const AdminAnimatorsPage = screen(() => import('./routes/admin-animators.tsx'), 'AdminAnimatorsPage');
const AdminConsolePage = screen(() => import('./routes/admin-console.tsx'), 'AdminConsolePage');
const LegalNoticePage = screen(() => import('./routes/legal-pages.tsx'), 'LegalNoticePage');
const PrivacyPage = screen(() => import('./routes/legal-pages.tsx'), 'PrivacyPage');
const AccessibilityPage = screen(() => import('./routes/legal-pages.tsx'), 'AccessibilityPage');
const GlossaryPage = screen(() => import('./routes/glossary.tsx'), 'GlossaryPage');
const GlossaryEntryPage = screen(() => import('./routes/glossary-entry.tsx'), 'GlossaryEntryPage');
const GlossaryPrintPage = screen(() => import('./routes/glossary-print.tsx'), 'GlossaryPrintPage');
const SurveyPage = screen(() => import('./routes/survey.tsx'), 'SurveyPage');
const SurveyEditPage = screen(() => import('./routes/survey-edit.tsx'), 'SurveyEditPage');
const SurveyResultsPage = screen(() => import('./routes/survey-results.tsx'), 'SurveyResultsPage');
const NewCircleSurveyPage = screen(() => import('./routes/survey-new.tsx'), 'NewCircleSurveyPage');
const NewCommunitySurveyPage = screen(() => import('./routes/survey-new.tsx'), 'NewCommunitySurveyPage');
const SurveyLinkPage = screen(() => import('./routes/survey-guest.tsx'), 'SurveyLinkPage');
const SurveyGuestEditPage = screen(() => import('./routes/survey-guest.tsx'), 'SurveyGuestEditPage');
const CommunitySurveysPage = screen(() => import('./routes/community-surveys.tsx'), 'CommunitySurveysPage');
const SurveyComparePage = screen(() => import('./routes/survey-compare.tsx'), 'SurveyComparePage');
const SearchPage = screen(() => import('./routes/search.tsx'), 'SearchPage');
const LearningDesignsPage = screen(() => import('./routes/learning-designs.tsx'), 'LearningDesignsPage');
const LearningDesignPage = screen(() => import('./routes/learning-design.tsx'), 'LearningDesignPage');
const CircleReviewPage = screen(() => import('./routes/circle-review.tsx'), 'CircleReviewPage');
const ChallengePage = screen(() => import('./routes/challenge.tsx'), 'ChallengePage');
const ClaimPage = screen(() => import('./routes/claim.tsx'), 'ClaimPage');
const GuestJoinPage = screen(() => import('./routes/guest-join.tsx'), 'GuestJoinPage');
const GuestSessionPage = screen(() => import('./routes/guest-session.tsx'), 'GuestSessionPage');
const CommunityEventsPage = screen(() => import('./routes/events.tsx'), 'CommunityEventsPage');
const NewEventPage = screen(() => import('./routes/event-new.tsx'), 'NewEventPage');
const EditEventPage = screen(() => import('./routes/event-new.tsx'), 'EditEventPage');
const EventPage = screen(() => import('./routes/event.tsx'), 'EventPage');
const RegistrationLinkPage = screen(() => import('./routes/registration-link.tsx'), 'RegistrationLinkPage');
const OpenSpacePage = screen(() => import('./routes/open-space.tsx'), 'OpenSpacePage');
const OpenSpaceProjectorPage = screen(
  () => import('./routes/open-space-projector.tsx'),
  'OpenSpaceProjectorPage',
);
const OpenSpaceSessionPage = screen(() => import('./routes/open-space-session.tsx'), 'OpenSpaceSessionPage');
const OpenSpaceReportPage = screen(() => import('./routes/open-space-report.tsx'), 'OpenSpaceReportPage');
const CommunityNewslettersPage = screen(() => import('./routes/newsletters.tsx'), 'CommunityNewslettersPage');
const NewsletterPage = screen(() => import('./routes/newsletter.tsx'), 'NewsletterPage');
const UnsubscribePage = screen(() => import('./features/mail/unsubscribe-page.tsx'), 'UnsubscribePage');

export function App() {
  const { pathname } = useLocation();
  useProfileLanguage();
  return (
    <AppFrame header={<SiteHeader />} footer={<SiteFooter />}>
      <ErrorBoundary key={pathname}>
        <Suspense fallback={<LoadingState />}>
          <UnsavedChangesGuard>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/my-circles" element={<MyCirclesPage />} />
              <Route path="/communities/new" element={<NewCommunityPage />} />
              <Route path="/c/:slug" element={<CommunityPage />} />
              <Route path="/c/:slug/dashboard" element={<CommunityDashboardPage />} />
              <Route path="/c/:slug/map" element={<CommunityMapPage />} />
              <Route path="/c/:slug/glossary" element={<GlossaryPage />} />
              <Route path="/c/:slug/glossary/print" element={<GlossaryPrintPage />} />
              <Route path="/glossary/:id" element={<GlossaryEntryPage />} />
              <Route path="/c/:slug/surveys" element={<CommunitySurveysPage />} />
              <Route path="/c/:slug/surveys/new" element={<NewCommunitySurveyPage />} />
              <Route path="/c/:slug/survey-templates/:id/compare" element={<SurveyComparePage />} />
              <Route path="/circles/:id/surveys/new" element={<NewCircleSurveyPage />} />
              <Route path="/surveys/:id" element={<SurveyPage />} />
              <Route path="/surveys/:id/results" element={<SurveyResultsPage />} />
              <Route path="/surveys/:id/edit" element={<SurveyEditPage />} />
              <Route path="/surveys/:id/guest/:editToken" element={<SurveyGuestEditPage />} />
              <Route path="/q/:token" element={<SurveyLinkPage />} />
              <Route path="/c/:slug/learning-designs" element={<LearningDesignsPage />} />
              <Route path="/learning-designs/:id" element={<LearningDesignPage />} />
              <Route path="/circles/:id/review" element={<CircleReviewPage />} />
              <Route path="/circles/:id" element={<CirclePage />} />
              <Route path="/circles/:id/import" element={<ImportNotesPage />} />
              <Route path="/sessions/:id" element={<SessionPage />} />
              <Route path="/boards/:id" element={<BoardPage />} />
              <Route path="/sessions/:id/minutes" element={<SessionMinutesPage />} />
              <Route path="/sessions/:id/meeting" element={<SessionMeetingPage />} />
              <Route path="/sessions/:id/projector" element={<SessionProjectorPage />} />
              <Route path="/sessions/:id/prepare" element={<SessionPreparePage />} />
              <Route path="/polls/:id" element={<PollPage />} />
              <Route path="/my-actions" element={<MyActionsPage />} />
              <Route path="/search" element={<SearchPage />} />
              <Route path="/my-sessions" element={<MySessionsPage />} />
              <Route path="/join/:slug" element={<JoinPage />} />
              <Route path="/sign-in" element={<SignInPage />} />
              <Route path="/sign-up" element={<SignUpPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              <Route path="/reset-password" element={<ResetPasswordPage />} />
              <Route path="/sign-in/link" element={<SignInLinkPage />} />
              <Route path="/verify-email" element={<VerifyEmailPage />} />
              <Route path="/profile" element={<ProfilePage />} />
              <Route path="/account-deleted" element={<AccountDeletedPage />} />
              <Route path="/admin" element={<AdminConsolePage />} />
              <Route path="/admin/outbox" element={<AdminOutboxPage />} />
              <Route path="/legal" element={<LegalNoticePage />} />
              <Route path="/privacy" element={<PrivacyPage />} />
              <Route path="/accessibility" element={<AccessibilityPage />} />
              <Route path="/admin/animators" element={<AdminAnimatorsPage />} />
              <Route path="/claim/:token" element={<ClaimPage />} />
              <Route path="/rejoindre" element={<GuestJoinPage />} />
              <Route path="/rejoindre/seance" element={<GuestSessionPage />} />
              <Route path="/challenges/:id" element={<ChallengePage />} />
              <Route path="/date-polls/:id" element={<DatePollPage />} />
              <Route path="/date-polls/link/:token" element={<DatePollLinkPage />} />
              <Route path="/date-polls/:id/guest/:editToken" element={<DatePollGuestEditPage />} />
              <Route path="/signup-sheets/:id" element={<SignupSheetPage />} />
              <Route path="/open-spaces/:id" element={<OpenSpacePage />} />
              <Route path="/open-spaces/:id/projector" element={<OpenSpaceProjectorPage />} />
              <Route path="/open-spaces/:id/report" element={<OpenSpaceReportPage />} />
              <Route path="/open-spaces/:id/sessions/:sessionId" element={<OpenSpaceSessionPage />} />
              <Route path="/unsubscribe/:token" element={<UnsubscribePage />} />
              <Route path="/c/:slug/events" element={<CommunityEventsPage />} />
              <Route path="/c/:slug/newsletters" element={<CommunityNewslettersPage />} />
              <Route path="/newsletters/:id" element={<NewsletterPage />} />
              <Route path="/c/:slug/events/new" element={<NewEventPage />} />
              <Route path="/events/:id" element={<EventPage />} />
              <Route path="/events/:id/edit" element={<EditEventPage />} />
              <Route path="/registrations/link/:token" element={<RegistrationLinkPage />} />
              <Route path="*" element={<UnknownAddressPage />} />
            </Routes>
          </UnsavedChangesGuard>
        </Suspense>
      </ErrorBoundary>
    </AppFrame>
  );
}
