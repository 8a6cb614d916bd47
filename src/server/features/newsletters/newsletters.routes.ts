import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  newsletterCreateSchema,
  newsletterListQuerySchema,
  newsletterListSchema,
  newsletterPatchSchema,
  newsletterPreferenceSchema,
  newsletterPreviewSchema,
  newsletterSchema,
  newsletterSettingsSchema,
} from '../../../contract/newsletters.ts';
import type { AppContext } from '../../app-context.ts';
import { resolveAuthSecret } from '../../auth/auth-secret.ts';
import { toBool } from '../../db/columns.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { readableItems } from './communications.queries.ts';
import { newsletterCommunity } from './newsletter-access.ts';
import { newsletterAtom } from './newsletter-atom.ts';
import { previewLetter } from './newsletter-preview.ts';
import { createNewsletter, patchNewsletter, sendNewsletter } from './newsletters.commands.ts';
import {
  getNewsletterAccess,
  listNewsletters,
  requireDraft,
  toNewsletterDto,
} from './newsletters.queries.ts';

const tags = ['newsletters'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};
const feedTitle = { fr: 'La lettre de', en: 'The newsletter of' } as const;

const requireSteer = (abilities: { steer: boolean }) => {
  if (!abilities.steer) throw new AppError('FORBIDDEN', 'Only the community animators can do this');
};

/** A community's newsletters: drafts its animators compose, send once, and the archive of sent ones. */
export function newslettersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, env } = ctx;
  const publicUrl = env.PUBLIC_URL;
  const detail = async (id: string, viewer: Viewer | undefined) =>
    toNewsletterDto(db, await getNewsletterAccess(db, id, viewer));
  /** A draft the viewer steers: 404 when they may not see it, 409 once sent. */
  const steeredDraft = async (id: string, viewer: Viewer) => {
    const access = await getNewsletterAccess(db, id, viewer);
    requireDraft(access.newsletter);
    requireSteer(access.abilities);
    return access;
  };

  return async (app) => {
    const secret = await resolveAuthSecret(db, env.AUTH_SECRET);

    app.get(
      '/communities/:slug/newsletters',
      {
        schema: {
          tags,
          summary: 'Sent newsletters (public archive: anyone; otherwise members), or drafts for animators',
          params: slugParams,
          querystring: newsletterListQuerySchema,
          response: { 200: newsletterListSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const community = await newsletterCommunity(db, request.params.slug, viewer);
        const { status, ...page } = request.query;
        return listNewsletters(db, community, viewer, status, {
          ...page,
          scope: `${community.id}:${status}`,
        });
      },
    );

    app.get(
      '/communities/:slug/newsletters.atom',
      {
        schema: {
          tags,
          summary: 'Atom feed of the sent newsletters (communities whose archive is public; 404 otherwise)',
          params: slugParams,
          produces: ['application/atom+xml'],
        },
      },
      async (request, reply) => {
        const community = await newsletterCommunity(db, request.params.slug, undefined);
        if (!community.publicArchive) throw notFound('Newsletter feed');
        const title = `${feedTitle[requestLocale(request)]} ${community.name}`;
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(await newsletterAtom(db, community, publicUrl, title));
      },
    );

    app.get(
      '/communities/:slug/newsletter-settings',
      {
        schema: {
          tags,
          summary: 'Whether the community’s newsletter archive is public',
          params: slugParams,
          response: { 200: newsletterSettingsSchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const community = await newsletterCommunity(db, request.params.slug, await viewers.find(request));
        return { publicArchive: community.publicArchive };
      },
    );

    app.put(
      '/communities/:slug/newsletter-settings',
      {
        schema: {
          tags,
          summary: 'Make the newsletter archive and its Atom feed public, or members only (animators)',
          params: slugParams,
          body: newsletterSettingsSchema,
          response: { 200: newsletterSettingsSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const community = await newsletterCommunity(db, request.params.slug, viewer);
        requireSteer({ steer: community.steers });
        const values = { publicArchive: request.body.publicArchive, updatedAt: new Date().toISOString() };
        await db
          .insertInto('newsletterSettings')
          .values({ communityId: community.id, ...values })
          .onConflict((oc) => oc.column('communityId').doUpdateSet(values))
          .execute();
        return request.body;
      },
    );

    app.post(
      '/communities/:slug/newsletters',
      {
        schema: {
          tags,
          summary: 'Compose a draft newsletter from text and flagged items (animators)',
          description:
            'Only items the composing animator may read can be chosen; their text is then shown to every recipient.',
          params: slugParams,
          body: newsletterCreateSchema,
          response: { 201: newsletterSchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const community = await newsletterCommunity(db, request.params.slug, viewer);
        requireSteer({ steer: community.steers });
        const items = await readableItems(db, community.id, viewer, request.body.itemIds);
        const id = await createNewsletter(db, community.id, viewer, { ...request.body, items });
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.get(
      '/newsletters/:id',
      {
        schema: {
          tags,
          summary: 'One newsletter (a draft for its animators; a sent one for the archive’s readers)',
          params: idParams,
          response: { 200: newsletterSchema, 404: errorBodySchema },
        },
      },
      async (request) => detail(request.params.id, await viewers.find(request)),
    );

    app.patch(
      '/newsletters/:id',
      {
        schema: {
          tags,
          summary: 'Edit a draft (animators); a sent newsletter is 409',
          params: idParams,
          body: newsletterPatchSchema,
          response: { 200: newsletterSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { community, newsletter } = await steeredDraft(request.params.id, viewer);
        const { itemIds, ...text } = request.body;
        const items = itemIds && (await readableItems(db, community.id, viewer, itemIds));
        await patchNewsletter(db, newsletter.id, { ...text, items });
        return detail(newsletter.id, viewer);
      },
    );

    app.get(
      '/newsletters/:id/preview',
      {
        schema: {
          tags,
          summary: 'The mail as a recipient gets it, HTML and text (animators)',
          params: idParams,
          response: { 200: newsletterPreviewSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getNewsletterAccess(db, request.params.id, viewer);
        if (!access.community.steers) throw notFound('Newsletter');
        return previewLetter(db, access, viewer, requestLocale(request), { publicUrl, secret });
      },
    );

    app.post(
      '/newsletters/:id/send',
      {
        schema: {
          tags,
          summary: 'Send a draft once to the members who accept newsletters (animators); again is 409',
          params: idParams,
          response: { 200: newsletterSchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { newsletter } = await steeredDraft(request.params.id, viewer);
        await sendNewsletter(db, newsletter.id);
        return detail(newsletter.id, viewer);
      },
    );

    app.get(
      '/me/newsletters',
      {
        schema: {
          tags: ['me'],
          summary: 'Whether I receive my communities’ newsletters',
          response: { 200: newsletterPreferenceSchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const row = await db
          .selectFrom('users')
          .select('newsletters')
          .where('id', '=', viewer.id)
          .executeTakeFirst();
        return { accepts: row ? toBool(row.newsletters) : true };
      },
    );

    app.put(
      '/me/newsletters',
      {
        schema: {
          tags: ['me'],
          summary: 'Receive my communities’ newsletters, or not',
          body: newsletterPreferenceSchema,
          response: { 200: newsletterPreferenceSchema, 400: errorBodySchema, 401: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        await db
          .updateTable('users')
          .set({ newsletters: request.body.accepts, updatedAt: new Date().toISOString() })
          .where('id', '=', viewer.id)
          .execute();
        return request.body;
      },
    );
  };
}
