import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { communicationsRoutes } from './communications.routes.ts';
import { communicationsAndNewsletters } from './migrations/2026-12-04-0029-communications-and-newsletters.ts';
import { newsletterMailJob } from './newsletter-mail.ts';
import { newslettersRoutes } from './newsletters.routes.ts';
import './newsletters.tables.ts';

/**
 * "À communiquer" items flagged in sessions, and the community newsletter composed from them:
 * drafts, preview, one send through the mail queue, the archive and its Atom feed (decision 037).
 */
export const newslettersFeature: FeatureDescriptor = {
  name: 'newsletters',
  routes: [
    { plugin: communicationsRoutes, prefix: '/api/v1' },
    { plugin: newslettersRoutes, prefix: '/api/v1' },
  ],
  jobs: [newsletterMailJob],
  migrations: (dialect) => ({
    '2026-12-04-0029-communications-and-newsletters': communicationsAndNewsletters(dialect),
  }),
  personColumns: [
    { table: 'announcements', column: 'author_id' },
    { table: 'newsletters', column: 'created_by' },
  ],
};
