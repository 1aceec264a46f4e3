import sharp from 'sharp';
import type { StaffActor } from '../../kernel/auth/actor.js';
import type { DbHandle } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { AppError } from '../../kernel/http/errors.js';
import { newId } from '../../kernel/ids.js';
import { audit, type Mutation } from '../../kernel/mutation.js';
import { renderArtwork } from './artwork.js';
import type { MediaRow } from './catalog.schema.js';
import type { TMedia } from './model.contract.js';
import { toMedia } from './model.mappers.js';
import { type MediaOwner, type MediaOwnerType, mediaOwner, mediaOwners } from './model.media-owners.js';
import * as repo from './model.repository.js';
import { API_BASE, publishTrimChanged } from './model.shared.js';

export const MEDIA_MAX_BYTES = 8 * 1024 * 1024;
export const MEDIA_MAX_PIXELS = 6000;
export const THUMB_WIDTH = 480;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes really are (magic numbers), whatever the file name or declared type say. */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'image/png';
  }
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return null;
}

export interface UploadInput {
  ownerType: MediaRow['ownerType'];
  ownerId: string;
  angle: string | null;
  bytes: Buffer;
}

const blobUrl = (id: string) => `${API_BASE}/media/files/${id}`;

/**
 * Re-encodes an upload in the format it came in, so what is stored and published is only the picture: the
 * EXIF orientation is applied to the pixels; EXIF (a phone photo's GPS position), XMP and any bytes after the
 * image data (a ZIP appended to a JPEG) are dropped, as sharp writes no metadata unless asked (colours are
 * converted to sRGB rather than keeping the camera's ICC profile).
 */
export async function reencodeImage(
  bytes: Buffer,
  type: ImageType,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const img = sharp(bytes).rotate();
  const encoded =
    type === 'image/jpeg'
      ? img.jpeg({ quality: 90 })
      : type === 'image/png'
        ? img.png({ compressionLevel: 9 })
        : img.webp({ quality: 90 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/** Trims are this module's own; other owner types are provided by their modules (model.media-owners.ts). */
const TRIM_OWNER: MediaOwner = {
  permission: 'catalog.manage',
  mayAttach: async (db, _actor, ownerId) => (await repo.findTrim(db, ownerId)) !== undefined,
};

function ownerOf(ownerType: MediaOwnerType): MediaOwner | undefined {
  return ownerType === 'trim' ? TRIM_OWNER : mediaOwner(ownerType);
}

/** True when the actor holds the permission some media owner type needs (checked before reading an upload). */
export function mayManageSomeMedia(actor: StaffActor): boolean {
  return [TRIM_OWNER, ...mediaOwners().values()].some((o) => actor.permissions.has(o.permission));
}

/**
 * The same check for every owner type: the actor holds the owner type's permission (else FORBIDDEN), and
 * the owner exists and, for dealer staff, is their own dealer's listing (else MEDIA_OWNER_NOT_FOUND, as the
 * listings routes answer for another dealer's listing). A null actor is the system (seed, jobs).
 */
async function assertMediaOwner(
  tx: DbHandle,
  actor: StaffActor | null,
  ownerType: MediaOwnerType,
  ownerId: string,
): Promise<void> {
  const owner = ownerOf(ownerType);
  // An owner type whose module is not installed has no records to attach to.
  if (!owner) throw new AppError('MEDIA_OWNER_NOT_FOUND', { ownerType });
  if (actor && !actor.permissions.has(owner.permission)) throw new AppError('FORBIDDEN');
  if (!(await owner.mayAttach(tx, actor, ownerId)))
    throw new AppError('MEDIA_OWNER_NOT_FOUND', { ownerType });
}

/** The staff member behind a media change, or null for the system (seed, jobs). */
function staffOrSystem(mutation: Mutation): StaffActor | null {
  const actor = mutation.actor;
  if (!actor) return null;
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return actor;
}

/** Stores an image, re-encoded without metadata, and a 480 px WebP thumbnail; both served from the database. */
export async function uploadMedia(db: DbHandle, input: UploadInput, m: Mutation): Promise<TMedia> {
  const actor = staffOrSystem(m);
  if (input.bytes.length > MEDIA_MAX_BYTES) throw new AppError('MEDIA_TOO_LARGE', { maxMb: 8 });
  const type = sniffImageType(input.bytes);
  if (!type) throw new AppError('MEDIA_TYPE_NOT_ALLOWED');
  // Refuse before decoding: a caller without the right should not get the server to process 8 MB images.
  await assertMediaOwner(db, actor, input.ownerType, input.ownerId);
  let clean: { bytes: Buffer; width: number; height: number };
  let thumb: Buffer;
  try {
    const meta = await sharp(input.bytes).metadata();
    if ((meta.width ?? 0) > MEDIA_MAX_PIXELS || (meta.height ?? 0) > MEDIA_MAX_PIXELS) {
      throw new AppError('MEDIA_DIMENSIONS_TOO_LARGE', { max: MEDIA_MAX_PIXELS });
    }
    clean = await reencodeImage(input.bytes, type);
    thumb = await sharp(clean.bytes)
      .resize({ width: THUMB_WIDTH, withoutEnlargement: false })
      .webp({ quality: 80 })
      .toBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('MEDIA_UNREADABLE');
  }
  const { width, height } = clean;
  return withTransaction(db, async (tx) => {
    // Again inside the transaction: the owner may have changed while the image was being encoded.
    await assertMediaOwner(tx, actor, input.ownerType, input.ownerId);
    const originalId = newId('blb');
    const thumbId = newId('blb');
    await repo.insertBlob(tx, { id: originalId, contentType: type, bytes: clean.bytes, createdAt: m.at });
    await repo.insertBlob(tx, { id: thumbId, contentType: 'image/webp', bytes: thumb, createdAt: m.at });
    const row: MediaRow = {
      id: newId('med'),
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      kind: 'image',
      angle: input.angle,
      url: blobUrl(originalId),
      thumbUrl: blobUrl(thumbId),
      contentType: type,
      width,
      height,
      sort: (await repo.maxMediaSort(tx, input.ownerType, input.ownerId)) + 1,
      createdAt: m.at,
    };
    await repo.insertMedia(tx, [row]);
    await audit(tx, m, {
      action: 'catalog.media.upload',
      entityType: 'media',
      entityId: row.id,
      before: null,
      after: { ...row, sizeBytes: clean.bytes.length },
    });
    if (input.ownerType === 'trim') await publishTrimChanged(tx, input.ownerId, m.at);
    return toMedia(row);
  });
}

/**
 * Puts an owner's images in the given order (the first is the cover): `ids` must be exactly the owner's
 * images. Same owner checks as an upload.
 */
export async function reorderMedia(
  db: DbHandle,
  input: { ownerType: MediaOwnerType; ownerId: string; ids: readonly string[] },
  m: Mutation,
): Promise<TMedia[]> {
  const actor = staffOrSystem(m);
  return withTransaction(db, async (tx) => {
    await assertMediaOwner(tx, actor, input.ownerType, input.ownerId);
    const before = await repo.listMedia(tx, input.ownerType, input.ownerId);
    const known = new Set(before.map((r) => r.id));
    if (
      input.ids.length !== known.size ||
      new Set(input.ids).size !== known.size ||
      !input.ids.every((id) => known.has(id))
    ) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [
          {
            path: 'body.ids',
            message: { zh: '须列出该记录的全部图片', en: 'must list every image of the record' },
          },
        ],
      });
    }
    for (const [sort, id] of input.ids.entries()) await repo.setMediaSort(tx, id, sort);
    await audit(tx, m, {
      action: 'catalog.media.reorder',
      entityType: input.ownerType,
      entityId: input.ownerId,
      before: { ids: before.map((r) => r.id) },
      after: { ids: input.ids },
    });
    if (input.ownerType === 'trim') await publishTrimChanged(tx, input.ownerId, m.at);
    return (await repo.listMedia(tx, input.ownerType, input.ownerId)).map(toMedia);
  });
}

export async function listMedia(
  db: DbHandle,
  ownerType: MediaRow['ownerType'],
  ownerId: string,
): Promise<TMedia[]> {
  return (await repo.listMedia(db, ownerType, ownerId)).map(toMedia);
}

/** Removes a media item (and its stored files when it was uploaded). */
export async function deleteMedia(db: DbHandle, id: string, m: Mutation): Promise<void> {
  const actor = staffOrSystem(m);
  await withTransaction(db, async (tx) => {
    const row = await repo.findMedia(tx, id);
    if (!row) throw new AppError('MEDIA_NOT_FOUND');
    const owner = ownerOf(row.ownerType);
    if (actor && owner && !actor.permissions.has(owner.permission)) throw new AppError('FORBIDDEN');
    // Dealer staff remove only their own listings' media; another dealer's is "not found" to them.
    if (owner && actor?.dealerId && !(await owner.mayAttach(tx, actor, row.ownerId))) {
      throw new AppError('MEDIA_NOT_FOUND');
    }
    await repo.deleteMedia(tx, id);
    const blobIds = [row.url, row.thumbUrl]
      .map((u) =>
        u?.startsWith(`${API_BASE}/media/files/`) ? u.slice(`${API_BASE}/media/files/`.length) : null,
      )
      .filter((x): x is string => x !== null);
    await repo.deleteBlobs(tx, blobIds);
    await audit(tx, m, {
      action: 'catalog.media.delete',
      entityType: 'media',
      entityId: id,
      before: row,
      after: null,
    });
    if (row.ownerType === 'trim') await publishTrimChanged(tx, row.ownerId, m.at);
  });
}

export async function getMediaFile(
  db: DbHandle,
  id: string,
): Promise<{ contentType: string; bytes: Buffer }> {
  const blob = await repo.findBlob(db, id);
  if (!blob) throw new AppError('MEDIA_NOT_FOUND');
  return blob;
}

/** The generated demo picture of a trim for an artwork file name such as `front_45.svg`. */
export async function renderTrimArt(db: DbHandle, trimId: string, file: string): Promise<string> {
  const trim = await repo.findTrim(db, trimId);
  if (!trim) throw new AppError('TRIM_NOT_FOUND');
  const s = await repo.findSeries(db, trim.seriesId);
  const brand = s ? await repo.findBrand(db, s.brandId) : undefined;
  if (!s || !brand) throw new AppError('TRIM_NOT_FOUND');
  return renderArtwork(
    {
      bodyType: s.bodyType,
      colours: brand.colours,
      brandName: brand.name,
      seriesName: s.name,
      caption: trim.name,
    },
    file.replace(/\.svg$/, ''),
  );
}
