import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBodySchema } from '../../../contract/error.ts';
import {
  glossaryCreateSchema,
  glossaryEntrySchema,
  glossaryListQuerySchema,
  glossaryListSchema,
  glossaryPatchSchema,
  glossaryRestoreSchema,
  glossaryRevisionSchema,
  glossaryVoteCreateSchema,
} from '../../../contract/glossary.ts';
import { pageOf, pageQuerySchema } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../http/errors.ts';
import { requestLocale } from '../../http/request-locale.ts';
import type { Viewer } from '../../http/viewer.ts';
import { addWriter, patchEntry, proposeEntry, removeWriter, restoreRevision } from './glossary.commands.ts';
import {
  entryDetail,
  getEntryAccess,
  glossaryAbilities,
  glossaryCommunity,
  listEntries,
  pageRevisions,
  publishedEntries,
} from './glossary.queries.ts';
import { glossaryMarkdown } from './glossary-markdown.ts';
import { openVoteCampaign, settleVotes } from './glossary-votes.ts';

const tags = ['glossary'];
const idParams = z.object({ id: z.string().max(100) });
const slugParams = z.object({ slug: z.string().max(100) });
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
};

/** The live topic of one entry: people on its page see each other's saves arrive. */
export const glossaryTopic = (entryId: string) => `glossary:${entryId}`;

const exportWords = {
  fr: { title: 'Abécédaire', argument: 'Argumentaire', examples: 'Exemples', sources: 'Sources' },
  en: { title: 'Glossary', argument: 'Argument', examples: 'Examples', sources: 'Sources' },
} as const;

export function glossaryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, viewers, live } = ctx;
  const detail = async (entryId: string, viewer: Viewer | undefined) =>
    entryDetail(db, await getEntryAccess(db, entryId, viewer));
  /** A closed vote's result is applied before anything of the glossary is read. */
  const settled = async <T extends { community: { id: string } }>(found: Promise<T>) => {
    const value = await found;
    await settleVotes(db, value.community.id);
    return value;
  };
  const announce = (entry: { id: string; communityId: string; revision: number }) =>
    live.publish(glossaryTopic(entry.id), {
      type: 'glossary.entry.updated',
      communityId: entry.communityId,
      entryId: entry.id,
      revision: entry.revision,
    });

  return async (app) => {
    app.get(
      '/communities/:slug/glossary',
      {
        schema: {
          tags,
          summary: 'The abécédaire: entries by letter, with the count of each letter',
          description:
            'Selected and published entries for everyone who sees the community; proposed and archived ' +
            'ones for its members. `q` searches terms, definitions and argumentaires, accents and case ignored.',
          params: slugParams,
          querystring: glossaryListQuerySchema,
          response: { 200: glossaryListSchema, 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const { community, standing } = await settled(glossaryCommunity(db, request.params.slug, viewer));
        return listEntries(db, community, standing, request.query);
      },
    );

    app.post(
      '/communities/:slug/glossary',
      {
        schema: {
          tags,
          summary: 'Propose a term (members); the same term twice is refused with the existing entry',
          params: slugParams,
          body: glossaryCreateSchema,
          response: { 201: glossaryEntrySchema, ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, standing } = await glossaryCommunity(db, request.params.slug, viewer);
        if (!glossaryAbilities(standing).takePart) {
          throw new AppError('FORBIDDEN', 'Only the community’s members can propose terms');
        }
        const id = await proposeEntry(db, community, viewer, request.body.term);
        return reply.status(201).send(await detail(id, viewer));
      },
    );

    app.post(
      '/communities/:slug/glossary/votes',
      {
        schema: {
          tags,
          summary: '“On lance la suite ?”: open a vote on some letters, K terms per letter (animators)',
          description:
            'A community `sections` poll (one section per letter, its proposed terms as options, at most ' +
            '`perLetter` choices each). Closing it (`POST /polls/{id}/close`, or its closing time) selects ' +
            'the top `perLetter` of each letter, or every term tied at the cut.',
          params: slugParams,
          body: glossaryVoteCreateSchema,
          response: { 201: z.object({ pollId: z.string() }), ...errors },
        },
      },
      async (request, reply) => {
        const viewer = await viewers.require(request);
        const { community, standing } = await glossaryCommunity(db, request.params.slug, viewer);
        if (!glossaryAbilities(standing).steer) {
          throw new AppError('FORBIDDEN', 'Only the community’s animators can open a vote');
        }
        const pollId = await openVoteCampaign(db, community, viewer, request.body, requestLocale(request));
        return reply.status(201).send({ pollId });
      },
    );

    app.get(
      '/communities/:slug/glossary.md',
      {
        schema: {
          tags,
          summary: 'The published entries as Markdown, letter by letter (text/markdown)',
          params: slugParams,
          produces: ['text/markdown'],
        },
      },
      async (request, reply) => {
        const { community } = await settled(
          glossaryCommunity(db, request.params.slug, await viewers.find(request)),
        );
        const words = exportWords[requestLocale(request)];
        const markdown = glossaryMarkdown(community.name, await publishedEntries(db, community.id), words);
        return reply
          .type('text/markdown; charset=utf-8')
          .header('content-disposition', `attachment; filename="abecedaire-${community.slug}.md"`)
          .send(markdown);
      },
    );

    app.get(
      '/glossary/:id',
      {
        schema: {
          tags,
          summary: 'One entry with its writers, contributors, related entries and links',
          params: idParams,
          response: { 200: glossaryEntrySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const viewer = await viewers.find(request);
        const access = await getEntryAccess(db, request.params.id, viewer);
        // A vote applied just now changed the entry (and maybe who may read it): read it again.
        if (await settleVotes(db, access.community.id)) return detail(request.params.id, viewer);
        return entryDetail(db, access);
      },
    );

    app.patch(
      '/glossary/:id',
      {
        schema: {
          tags,
          summary: 'Edit an entry from a revision (members; the status: animators)',
          description:
            'An edit based on an older revision than the current one is refused with 409 and the current ' +
            'entry in `details.current`, so nothing is overwritten unseen.',
          params: idParams,
          body: glossaryPatchSchema,
          response: { 200: glossaryEntrySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getEntryAccess(db, request.params.id, viewer);
        await patchEntry(db, access, viewer, request.body);
        const saved = await detail(access.entry.id, viewer);
        announce(saved);
        return saved;
      },
    );

    app.get(
      '/glossary/:id/revisions',
      {
        schema: {
          tags,
          summary: 'The history of an entry, newest first, each revision whole (who, when, what)',
          params: idParams,
          querystring: pageQuerySchema,
          response: { 200: pageOf(glossaryRevisionSchema), 400: errorBodySchema, 404: errorBodySchema },
        },
      },
      async (request) => {
        const access = await getEntryAccess(db, request.params.id, await viewers.find(request));
        return pageRevisions(db, access.entry.id, request.query);
      },
    );

    app.post(
      '/glossary/:id/revisions/:revision/restore',
      {
        schema: {
          tags,
          summary: 'Bring an older revision back as a new revision (members)',
          params: idParams.extend({ revision: z.coerce.number().int().min(1).max(1_000_000) }),
          body: glossaryRestoreSchema,
          response: { 200: glossaryEntrySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getEntryAccess(db, request.params.id, viewer);
        await restoreRevision(db, access, viewer, {
          revision: request.params.revision,
          baseRevision: request.body.baseRevision,
        });
        const saved = await detail(access.entry.id, viewer);
        announce(saved);
        return saved;
      },
    );

    app.put(
      '/glossary/:id/writers/me',
      {
        schema: {
          tags,
          summary: '“Qui veut y travailler ?”: sign up to write this entry (members)',
          params: idParams,
          response: { 200: glossaryEntrySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getEntryAccess(db, request.params.id, viewer);
        await addWriter(db, access, viewer);
        const saved = await detail(access.entry.id, viewer);
        announce(saved);
        return saved;
      },
    );

    app.delete(
      '/glossary/:id/writers/me',
      {
        schema: {
          tags,
          summary: 'Stop being one of the writers of this entry',
          params: idParams,
          response: { 200: glossaryEntrySchema, ...errors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const access = await getEntryAccess(db, request.params.id, viewer);
        await removeWriter(db, access.entry.id, viewer);
        const saved = await detail(access.entry.id, viewer);
        announce(saved);
        return saved;
      },
    );
  };
}
