import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../kernel/auth/guard.js';
import { assertNoControlChars, controlCharPaths } from '../../kernel/http/control-chars.js';
import { AppError } from '../../kernel/http/errors.js';
import { malformedMultipart } from '../../kernel/http/multipart.js';
import * as brands from './model.brands.js';
import {
  MEDIA_OWNER_TYPES,
  ZArtParams,
  ZBrand,
  ZBrandDetail,
  ZBrandIdParams,
  ZBrandIndex,
  ZColour,
  ZCreateBrandRequest,
  ZCreateParameterRequest,
  ZCreateSeriesRequest,
  ZCreateTrimRequest,
  ZImportQuery,
  ZImportResult,
  ZMedia,
  ZMediaFileParams,
  ZMediaListQuery,
  ZMediaOrderRequest,
  ZOptionPackage,
  ZParameterDefinition,
  ZParameterKeyParams,
  ZPutColoursRequest,
  ZPutPackagesRequest,
  ZPutParametersRequest,
  ZSeries,
  ZSeriesDetail,
  ZSeriesIdParams,
  ZTrim,
  ZTrimDetail,
  ZTrimIdParams,
  ZUpdateBrandRequest,
  ZUpdateParameterRequest,
  ZUpdateSeriesRequest,
  ZUpdateTrimRequest,
} from './model.contract.js';
import * as mediaService from './model.media.js';
import * as parameters from './model.parameters.js';
import * as reads from './model.read.js';
import * as transfer from './model.transfer.js';
import * as trims from './model.trims.js';

const tags = ['catalog: model database'];
const read = { permission: 'catalog.read' } as const;
const manage = { permission: 'catalog.manage' } as const;
const ZDeleted = z.object({ deleted: z.literal(true) });
const ZMediaIdParams = z.object({ id: z.string().regex(/^med_[a-z0-9_]{1,60}$/) });
const ZFileFormatParams = z.object({ format: z.enum(['csv', 'xlsx']) });
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Brands, series, trims, the parameter dictionary, media and import/export under /api/v1/catalog. */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  // Encapsulated: only this plugin's routes accept multipart bodies.
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, fieldSize: 1000 },
  });
  const db = () => app.ctx.database.db;
  // @fastify/multipart hands the handler the raw request stream, read after a key would be claimed.
  const multipartUpload = {
    optOut:
      'multipart upload: the file is streamed to the handler, so the body cannot be hashed when the key is claimed',
  } as const;

  /** Reads a one-file multipart upload (fields + bytes); anything else is MEDIA_FILE_MISSING. */
  async function readUpload(
    request: FastifyRequest,
    maxBytes: number,
  ): Promise<{ fields: Record<string, string>; bytes: Buffer; filename: string }> {
    if (!request.isMultipart()) throw new AppError('MEDIA_FILE_MISSING');
    const fields: Record<string, string> = {};
    let file: { bytes: Buffer; filename: string } | null = null;
    try {
      for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
        if (part.type === 'file') {
          try {
            file = { bytes: await part.toBuffer(), filename: part.filename };
          } catch (e) {
            if (e instanceof Error && 'code' in e && e.code === 'FST_REQ_FILE_TOO_LARGE') {
              throw new AppError('MEDIA_TOO_LARGE', { maxMb: Math.round(maxBytes / 1024 / 1024) });
            }
            throw e;
          }
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (e) {
      throw malformedMultipart(e);
    }
    // The edge hook sees no multipart fields (they are parsed here), so they get the same check.
    assertNoControlChars(controlCharPaths(fields, 'body', 'layout'));
    if (!file) throw new AppError('MEDIA_FILE_MISSING');
    return { fields, ...file };
  }

  // ---- public reads (storefront) ----

  app.get(
    '/brands',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Brands A-Z by initial', response: { 200: ZBrandIndex } },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return reads.getBrandIndex(db());
    },
  );

  app.get(
    '/brands/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A brand with its series',
        params: ZBrandIdParams,
        response: { 200: ZBrandDetail },
      },
    },
    async (request) => reads.getBrandDetail(db(), request.params.id),
  );

  app.get(
    '/series/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A series with its trims by model year and price range',
        params: ZSeriesIdParams,
        response: { 200: ZSeriesDetail },
      },
    },
    async (request) => reads.getSeriesDetail(db(), request.params.id),
  );

  app.get(
    '/trims/:id',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'A trim: parameter sheet by group, colours, packages, media',
        params: ZTrimIdParams,
        response: { 200: ZTrimDetail },
      },
    },
    async (request) => reads.getTrimDetail(db(), request.params.id),
  );

  app.get(
    '/parameters',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'The parameter dictionary', response: { 200: z.array(ZParameterDefinition) } },
    },
    async () => reads.listParameterDefinitions(db()),
  );

  app.get(
    '/media/art/:trimId/:file',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Generated demo picture of a trim (SVG)', params: ZArtParams },
    },
    async (request, reply) => {
      const svg = await mediaService.renderTrimArt(db(), request.params.trimId, request.params.file);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .send(svg);
    },
  );

  app.get(
    '/media/files/:id',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'An uploaded image or thumbnail', params: ZMediaFileParams },
    },
    async (request, reply) => {
      const file = await mediaService.getMediaFile(db(), request.params.id);
      // Stored files never change (a new upload gets a new id), so caches may keep them for a year.
      return reply
        .type(file.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.bytes);
    },
  );

  // ---- console: brands, series, trims ----

  app.post(
    '/brands',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create a brand', body: ZCreateBrandRequest, response: { 201: ZBrand } },
    },
    async (request, reply) =>
      reply.status(201).send(await brands.createBrand(db(), request.body, request.mutation)),
  );

  app.patch(
    '/brands/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Update a brand',
        params: ZBrandIdParams,
        body: ZUpdateBrandRequest,
        response: { 200: ZBrand },
      },
    },
    async (request) => brands.updateBrand(db(), request.params.id, request.body, request.mutation),
  );

  app.delete(
    '/brands/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Delete a brand without series',
        params: ZBrandIdParams,
        response: { 200: ZDeleted },
      },
    },
    async (request) => {
      await brands.deleteBrand(db(), request.params.id, request.mutation);
      return { deleted: true as const };
    },
  );

  app.post(
    '/series',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create a series', body: ZCreateSeriesRequest, response: { 201: ZSeries } },
    },
    async (request, reply) =>
      reply.status(201).send(await brands.createSeries(db(), request.body, request.mutation)),
  );

  app.patch(
    '/series/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Update a series',
        params: ZSeriesIdParams,
        body: ZUpdateSeriesRequest,
        response: { 200: ZSeries },
      },
    },
    async (request) => brands.updateSeries(db(), request.params.id, request.body, request.mutation),
  );

  app.delete(
    '/series/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Delete a series without trims',
        params: ZSeriesIdParams,
        response: { 200: ZDeleted },
      },
    },
    async (request) => {
      await brands.deleteSeries(db(), request.params.id, request.mutation);
      return { deleted: true as const };
    },
  );

  app.post(
    '/trims',
    {
      config: { auth: manage },
      schema: { tags, summary: 'Create a trim', body: ZCreateTrimRequest, response: { 201: ZTrim } },
    },
    async (request, reply) =>
      reply.status(201).send(await trims.createTrim(db(), request.body, request.mutation)),
  );

  app.patch(
    '/trims/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Update a trim',
        params: ZTrimIdParams,
        body: ZUpdateTrimRequest,
        response: { 200: ZTrim },
      },
    },
    async (request) => trims.updateTrim(db(), request.params.id, request.body, request.mutation),
  );

  app.delete(
    '/trims/:id',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Delete a trim no listing uses',
        params: ZTrimIdParams,
        response: { 200: ZDeleted },
      },
    },
    async (request) => {
      await trims.deleteTrim(db(), request.params.id, request.mutation);
      return { deleted: true as const };
    },
  );

  app.put(
    '/trims/:id/parameters',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Save a whole parameter sheet (each value checked against its definition)',
        params: ZTrimIdParams,
        body: ZPutParametersRequest,
        response: { 200: ZTrimDetail },
      },
    },
    async (request) =>
      trims.putTrimParameters(db(), request.params.id, request.body.values, request.mutation),
  );

  app.put(
    '/trims/:id/colours',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Replace the exterior and interior colours',
        params: ZTrimIdParams,
        body: ZPutColoursRequest,
        response: { 200: z.array(ZColour) },
      },
    },
    async (request) => trims.putColours(db(), request.params.id, request.body, request.mutation),
  );

  app.put(
    '/trims/:id/packages',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Replace the option packages',
        params: ZTrimIdParams,
        body: ZPutPackagesRequest,
        response: { 200: z.array(ZOptionPackage) },
      },
    },
    async (request) => trims.putPackages(db(), request.params.id, request.body, request.mutation),
  );

  // ---- console: dictionary ----

  app.post(
    '/parameters',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Add a parameter to the dictionary',
        body: ZCreateParameterRequest,
        response: { 201: ZParameterDefinition },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await parameters.createParameter(db(), request.body, request.mutation)),
  );

  app.patch(
    '/parameters/:key',
    {
      config: { auth: manage },
      schema: {
        tags,
        summary: 'Change a dictionary entry',
        params: ZParameterKeyParams,
        body: ZUpdateParameterRequest,
        response: { 200: ZParameterDefinition },
      },
    },
    async (request) => parameters.updateParameter(db(), request.params.key, request.body, request.mutation),
  );

  // ---- console: media ----

  app.get(
    '/media',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Media of one owner',
        querystring: ZMediaListQuery,
        response: { 200: z.array(ZMedia) },
      },
    },
    async (request) => mediaService.listMedia(db(), request.query.ownerType, request.query.ownerId),
  );

  // Upload and removal are open to any staff here and checked per owner type by the service: trims and
  // accessories need catalog.manage, listings and inspection items listings.manage (dealer staff: own dealer).
  app.post(
    '/media',
    {
      config: { auth: 'staff', idempotent: multipartUpload },
      schema: {
        tags,
        summary:
          'Upload an image (multipart: ownerType, ownerId, angle, file; JPEG/PNG/WebP, 8 MB, 6000×6000; stored re-encoded without metadata)',
        consumes: ['multipart/form-data'],
        response: { 201: ZMedia },
      },
    },
    async (request, reply) => {
      if (!mediaService.mayManageSomeMedia(requireStaff(request))) throw new AppError('FORBIDDEN');
      const upload = await readUpload(request, mediaService.MEDIA_MAX_BYTES);
      const fields = z
        .object({
          ownerType: z.enum(MEDIA_OWNER_TYPES),
          ownerId: z.string().min(1).max(80),
          angle: z
            .string()
            .regex(/^[a-z0-9_]{1,30}$/)
            .optional(),
        })
        .safeParse(upload.fields);
      if (!fields.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: fields.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
        });
      }
      const created = await mediaService.uploadMedia(
        db(),
        { ...fields.data, angle: fields.data.angle ?? null, bytes: upload.bytes },
        request.mutation,
      );
      return reply.status(201).send(created);
    },
  );

  app.put(
    '/media/order',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: 'Order the images of one owner (the first is the cover)',
        body: ZMediaOrderRequest,
        response: { 200: z.array(ZMedia) },
      },
    },
    async (request) => {
      if (!mediaService.mayManageSomeMedia(requireStaff(request))) throw new AppError('FORBIDDEN');
      return mediaService.reorderMedia(db(), request.body, request.mutation);
    },
  );

  app.delete(
    '/media/:id',
    {
      config: { auth: 'staff' },
      schema: { tags, summary: 'Remove a media item', params: ZMediaIdParams, response: { 200: ZDeleted } },
    },
    async (request) => {
      if (!mediaService.mayManageSomeMedia(requireStaff(request))) throw new AppError('FORBIDDEN');
      await mediaService.deleteMedia(db(), request.params.id, request.mutation);
      return { deleted: true as const };
    },
  );

  // ---- console: import / export ----

  const sendFile = (reply: FastifyReply, format: 'csv' | 'xlsx', name: string, bytes: Buffer) =>
    reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${name}.${format}"`)
      .header('cache-control', 'no-store')
      .send(bytes);

  app.get(
    '/export/trims.:format',
    {
      config: { auth: read },
      schema: { tags, summary: 'All trims with their parameters (CSV or XLSX)', params: ZFileFormatParams },
    },
    async (request, reply) =>
      sendFile(
        reply,
        request.params.format,
        'trims',
        await transfer.exportTrims(db(), request.params.format),
      ),
  );

  app.get(
    '/import/template.:format',
    {
      config: { auth: read },
      schema: {
        tags,
        summary: 'Import template: header, example row, column documentation',
        params: ZFileFormatParams,
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        request.params.format,
        'trims-template',
        await transfer.importTemplate(db(), request.params.format),
      ),
  );

  app.post(
    '/import/trims',
    {
      config: { auth: manage, idempotent: multipartUpload },
      schema: {
        tags,
        summary: 'Import trims from CSV/XLSX (all rows validated first; nothing written if any is bad)',
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: { 200: ZImportResult },
      },
    },
    async (request) => {
      const upload = await readUpload(request, IMPORT_MAX_BYTES);
      return transfer.importTrims(db(), upload.bytes, request.query.dryRun, request.mutation);
    },
  );
};
