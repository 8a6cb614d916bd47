import type { FeatureDescriptor } from '../feature-descriptor.ts';
import { mailRoutes } from './mail.routes.ts';

/** Mail preferences and unsubscribe links (their own paths), and the Monday digest. */
export const mailFeature: FeatureDescriptor = {
  name: 'mail',
  routes: [{ plugin: mailRoutes, prefix: '' }],
  mails: ['weeklyDigest', 'weeklyDigestFanout'],
};
