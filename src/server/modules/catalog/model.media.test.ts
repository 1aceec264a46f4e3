import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/app.js';
import { dealersModule } from '../dealers/index.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { reportWith, withCheckDigit } from '../listings/listings.testing.js';
import { media, mediaBlobs } from './catalog.schema.js';
import { insertTestTrims } from './catalog.testing.js';
import type { TMedia } from './model.contract.js';
import { generateCatalog, seedModelDatabase } from './model.seed.js';

let t: TestApp;
let operator: TestStaff;
let bydStaff: TestStaff;
let teslaStaff: TestStaff;
let marketing: TestStaff;
let trimId: string;
let bydStore: string;
const API = '/api/v1/catalog';

beforeAll(async () => {
  t = await createTestApp();
  await seedModelDatabase(t.database.db);
  for (const step of dealersModule.seed) await step.run(t.ctx);
  await insertTestTrims(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  bydStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_bj_byd' });
  teslaStaff = await createTestStaff(t.ctx, { roles: ['dealer_staff'], dealerId: 'dlr_demo_sh_tesla' });
  marketing = await createTestStaff(t.ctx, { roles: ['marketing'] });
  trimId = generateCatalog()[0]?.row.id ?? '';
  const stores = await t.app.inject({
    method: 'GET',
    url: '/api/v1/dealers/stores?dealerId=dlr_demo_bj_byd',
  });
  bydStore = (stores.json() as { items: { id: string }[] }).items[0]?.id ?? '';
});
afterAll(async () => {
  await t.close();
});

/** A multipart body with text fields and one file part. */
function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----autoyard-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  file: { name: string; type: string; bytes: Buffer },
  fields = { ownerType: 'trim', ownerId: trimId, angle: 'front_45' },
  who: TestStaff = operator,
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `${API}/media`,
    headers: { ...who.bearer, ...body.headers },
    payload: body.payload,
  });
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 16, b: 46 } } })
    .png()
    .toBuffer();

describe('media upload', () => {
  it('accepts a PNG named .jpg and sent as image/jpeg by what its bytes are, and makes a 480 px WebP thumbnail', async () => {
    const res = await upload({ name: 'han-front.jpg', type: 'image/jpeg', bytes: await png(1200, 800) });
    expect(res.statusCode).toBe(201);
    const item: TMedia = res.json();
    expect(item).toMatchObject({ contentType: 'image/png', width: 1200, height: 800, kind: 'image' });
    const [row] = await t.database.db.select().from(media).where(eq(media.id, item.id));
    expect(row?.ownerId).toBe(trimId);
    const original = await t.app.inject({ method: 'GET', url: item.url });
    expect(original.headers['content-type']).toBe('image/png');
    expect(original.headers['cache-control']).toContain('max-age=31536000');
    const thumb = await t.app.inject({ method: 'GET', url: item.thumbUrl ?? '' });
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 480, height: 320 });
    const blobs = await t.database.db.select({ id: mediaBlobs.id }).from(mediaBlobs);
    expect(blobs).toHaveLength(2);
  });

  it('refuses a text file dressed up as a JPEG', async () => {
    const res = await upload({
      name: 'photo.jpg',
      type: 'image/jpeg',
      bytes: Buffer.from('这不是图片 just text'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
  });

  it('refuses a file over 8 MB and stores nothing', async () => {
    const before = (await t.database.db.select({ id: media.id }).from(media)).length;
    const big = Buffer.concat([await png(10, 10), Buffer.alloc(8 * 1024 * 1024 + 10)]);
    const res = await upload({ name: 'big.png', type: 'image/png', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('MEDIA_TOO_LARGE');
    expect((await t.database.db.select({ id: media.id }).from(media)).length).toBe(before);
  });

  it('refuses an image larger than 6000×6000 pixels', async () => {
    const wide = await sharp({ create: { width: 6100, height: 10, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const res = await upload({ name: 'wide.png', type: 'image/png', bytes: wide });
    expect(res.json().error.code).toBe('MEDIA_DIMENSIONS_TOO_LARGE');
  });

  it('refuses an upload for a trim that does not exist', async () => {
    const res = await upload(
      { name: 'a.png', type: 'image/png', bytes: await png(50, 50) },
      { ownerType: 'trim', ownerId: 'trm_nope', angle: 'side' },
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MEDIA_OWNER_NOT_FOUND');
  });

  it('answers a JSON body on the upload route with a 4xx', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/media`,
      headers: operator.bearer,
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MEDIA_FILE_MISSING');
  });
});

/** Rows in the media and blob tables, to prove a refused upload stored nothing. */
async function stored(): Promise<{ media: number; blobs: number }> {
  return {
    media: (await t.database.db.select({ id: media.id }).from(media)).length,
    blobs: (await t.database.db.select({ id: mediaBlobs.id }).from(mediaBlobs)).length,
  };
}

/** A ZIP local-file header and payload, as a polyglot "JPEG + ZIP" carries after the image end. */
const TRAILER = Buffer.from('PK\x03\x04 secret.txt: hidden payload after the image', 'latin1');
/** The EXIF tag that points at the GPS directory (0x8825, type LONG), little-endian as sharp writes it. */
const GPS_IFD_TAG = Buffer.from([0x25, 0x88, 0x04, 0x00]);
const GPS_EXIF = {
  IFD0: { Make: 'AutoyardTestCam' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '39/1 54/1 2700/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '116/1 23/1 1700/100',
  },
};

/** A 300×200 phone-style photo: EXIF with a GPS position, orientation 6 (shot rotated), junk appended. */
async function phoneJpeg(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#2f54eb' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif(GPS_EXIF)
    .toBuffer();
  return Buffer.concat([jpeg, TRAILER]);
}

async function storedBlob(url: string): Promise<Buffer> {
  const id = url.slice(url.lastIndexOf('/') + 1);
  const [row] = await t.database.db.select().from(mediaBlobs).where(eq(mediaBlobs.id, id));
  if (!row) throw new Error(`no blob ${id}`);
  return Buffer.from(row.bytes, 'base64');
}

describe('uploaded images are re-encoded without metadata', () => {
  it('stores a phone JPEG without its EXIF GPS position or appended bytes, turned upright as its orientation said', async () => {
    const sent = await phoneJpeg();
    const sentMeta = await sharp(sent).metadata();
    expect(sentMeta).toMatchObject({ format: 'jpeg', width: 300, height: 200, orientation: 6 });
    expect(sentMeta.exif?.includes(GPS_IFD_TAG)).toBe(true);

    const res = await upload({ name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: sent });
    expect(res.statusCode, res.body).toBe(201);
    const item: TMedia = res.json();
    expect(item).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 300 });
    const [row] = await t.database.db.select().from(media).where(eq(media.id, item.id));
    expect(row).toMatchObject({ width: 200, height: 300 });

    const served = await t.app.inject({ method: 'GET', url: item.url });
    expect(served.headers['content-type']).toBe('image/jpeg');
    const bytes = served.rawPayload;
    expect(bytes.equals(await storedBlob(item.url))).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 300 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(bytes.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
    expect(bytes.includes(TRAILER)).toBe(false);
    expect(bytes.includes(Buffer.from('AutoyardTestCam'))).toBe(false);
  });

  it('keeps PNG as PNG and WebP as WebP, each without EXIF or trailing bytes', async () => {
    const pngSent = Buffer.concat([
      await sharp({ create: { width: 64, height: 48, channels: 4, background: '#13c2c280' } })
        .png()
        .withExif(GPS_EXIF)
        .toBuffer(),
      TRAILER,
    ]);
    const webpSent = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#fa8c16' } })
      .webp()
      .withExif(GPS_EXIF)
      .toBuffer();
    expect((await sharp(pngSent).metadata()).exif).toBeDefined();
    expect((await sharp(webpSent).metadata()).exif).toBeDefined();
    for (const [sent, format] of [
      [pngSent, 'png'],
      [webpSent, 'webp'],
    ] as const) {
      const res = await upload({ name: `x.${format}`, type: `image/${format}`, bytes: sent });
      expect(res.statusCode, res.body).toBe(201);
      const item: TMedia = res.json();
      expect(item.contentType).toBe(`image/${format}`);
      const bytes = await storedBlob(item.url);
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format, width: 64, height: 48 });
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(TRAILER)).toBe(false);
      expect(bytes.includes(Buffer.from('AutoyardTestCam'))).toBe(false);
    }
  });
});

let vinSerial = 200000;
async function createListing(kind: 'new' | 'used', dealerId = 'dlr_demo_bj_byd'): Promise<string> {
  vinSerial += 1;
  const base = { trimId: 'trm_t_han', dealerId, priceFen: 15_880_000, description: '' };
  const body =
    kind === 'new'
      ? { ...base, kind, storeId: bydStore, title: '2025款 比亚迪汉 EV 现车' }
      : {
          ...base,
          kind,
          cityCode: '110100',
          title: '2023款 比亚迪汉 EV 一手车',
          used: {
            vin: withCheckDigit(`LGXCE4CB0R0${vinSerial}`),
            firstRegistrationDate: '2023-05-12',
            mileageKm: 18_000,
            ownersCount: 1,
            transferCount: 0,
            accidentHistory: false,
            floodHistory: false,
            fireHistory: false,
          },
        };
  const res = await t.app.inject({
    method: 'POST',
    url: `${API}/listings`,
    headers: operator.bearer,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

describe('media owners', () => {
  const photo = async () => ({ name: 'car.png', type: 'image/png', bytes: await png(40, 30) });

  it('answers 404 for a listing that does not exist and stores nothing', async () => {
    const before = await stored();
    const res = await upload(await photo(), { ownerType: 'listing', ownerId: 'lst_nope', angle: 'side' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MEDIA_OWNER_NOT_FOUND');
    expect(await stored()).toEqual(before);
  });

  it('answers dealer staff 404 for another dealer’s listing, as the listings routes do, and stores nothing', async () => {
    const listingId = await createListing('new');
    const before = await stored();
    const res = await upload(
      await photo(),
      { ownerType: 'listing', ownerId: listingId, angle: 'side' },
      teslaStaff,
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('MEDIA_OWNER_NOT_FOUND');
    expect(await stored()).toEqual(before);
    const rows = await t.database.db.select().from(media).where(eq(media.ownerId, listingId));
    expect(rows).toEqual([]);
  });

  it('lets dealer staff attach an image to their own dealer’s listing, and platform staff to any', async () => {
    const listingId = await createListing('new');
    const own = await upload(
      await photo(),
      { ownerType: 'listing', ownerId: listingId, angle: 'side' },
      bydStaff,
    );
    expect(own.statusCode, own.body).toBe(201);
    const platform = await upload(await photo(), {
      ownerType: 'listing',
      ownerId: listingId,
      angle: 'rear_45',
    });
    expect(platform.statusCode, platform.body).toBe(201);
    const rows = await t.database.db.select().from(media).where(eq(media.ownerId, listingId));
    expect(rows.map((r) => [r.ownerType, r.angle]).sort()).toEqual([
      ['listing', 'rear_45'],
      ['listing', 'side'],
    ]);
  });

  it('checks inspection items and accessories the same way', async () => {
    const listingId = await createListing('used');
    const put = await t.app.inject({
      method: 'PUT',
      url: `${API}/used/${listingId}/inspection`,
      headers: operator.bearer,
      payload: reportWith(),
    });
    expect(put.statusCode, put.body).toBe(200);
    const itemId = (put.json() as { items: { id: string }[] }).items[0]?.id ?? '';
    const before = await stored();
    const other = await upload(
      await photo(),
      { ownerType: 'inspection_item', ownerId: itemId, angle: 'defect' },
      teslaStaff,
    );
    expect(other.json().error.code).toBe('MEDIA_OWNER_NOT_FOUND');
    const missingItem = await upload(await photo(), {
      ownerType: 'inspection_item',
      ownerId: 'ipi_nope',
      angle: 'defect',
    });
    expect(missingItem.statusCode).toBe(404);
    const missingAccessory = await upload(await photo(), {
      ownerType: 'accessory',
      ownerId: 'acp_nope',
      angle: 'main',
    });
    expect(missingAccessory.statusCode).toBe(404);
    expect(missingAccessory.json().error.code).toBe('MEDIA_OWNER_NOT_FOUND');
    expect(await stored()).toEqual(before);
    const own = await upload(
      await photo(),
      { ownerType: 'inspection_item', ownerId: itemId, angle: 'defect' },
      bydStaff,
    );
    expect(own.statusCode, own.body).toBe(201);
    expect(await t.database.db.select().from(media).where(eq(media.ownerId, itemId))).toHaveLength(1);
  });

  it('refuses staff without a media permission, and dealer staff on the model database, storing nothing', async () => {
    const before = await stored();
    const listingId = await createListing('new');
    const noRight = await upload(
      await photo(),
      { ownerType: 'listing', ownerId: listingId, angle: 'side' },
      marketing,
    );
    expect(noRight.statusCode).toBe(403);
    expect(noRight.json().error.code).toBe('FORBIDDEN');
    const dealerOnTrim = await upload(
      await photo(),
      { ownerType: 'trim', ownerId: trimId, angle: 'side' },
      bydStaff,
    );
    expect(dealerOnTrim.statusCode).toBe(403);
    expect(dealerOnTrim.json().error.code).toBe('FORBIDDEN');
    expect(await stored()).toEqual(before);
  });

  it('lets dealer staff remove only their own dealer’s listing media', async () => {
    const listingId = await createListing('new');
    const res = await upload(
      await photo(),
      { ownerType: 'listing', ownerId: listingId, angle: 'side' },
      bydStaff,
    );
    const item: TMedia = res.json();
    const del = (who: TestStaff) =>
      t.app.inject({ method: 'DELETE', url: `${API}/media/${item.id}`, headers: who.bearer });
    const refused = await del(teslaStaff);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('MEDIA_NOT_FOUND');
    expect(await t.database.db.select().from(media).where(eq(media.id, item.id))).toHaveLength(1);
    expect((await del(bydStaff)).statusCode).toBe(200);
    expect(await t.database.db.select().from(media).where(eq(media.id, item.id))).toEqual([]);
  });
});

describe('demo artwork', () => {
  it('gives every seeded trim 4 to 6 images', async () => {
    const all = await t.database.db
      .select({ ownerId: media.ownerId, kind: media.kind, url: media.url })
      .from(media);
    // Only the seeded artwork: the upload tests above add stored files to some owners.
    const rows = all.filter((r) => !r.url.includes('/media/files/'));
    const images = new Map<string, number>();
    for (const r of rows) if (r.kind === 'image') images.set(r.ownerId, (images.get(r.ownerId) ?? 0) + 1);
    for (const [, n] of images) {
      expect(n).toBeGreaterThanOrEqual(4);
      expect(n).toBeLessThanOrEqual(6);
    }
    expect(rows.some((r) => r.kind === 'spin360')).toBe(true);
    expect(rows.some((r) => r.kind === 'video')).toBe(true);
  });

  it('serves the same SVG drawing of a trim every time', async () => {
    const a = await t.app.inject({ method: 'GET', url: `${API}/media/art/${trimId}/front_45.svg` });
    const b = await t.app.inject({ method: 'GET', url: `${API}/media/art/${trimId}/front_45.svg` });
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toContain('image/svg+xml');
    expect(a.body).toBe(b.body);
    expect(a.body).toContain('比亚迪');
    expect(a.body).toContain('#c8102e');
  });

  it('draws the frames of a 360° set', async () => {
    const frame = await t.app.inject({ method: 'GET', url: `${API}/media/art/${trimId}/spin-07.svg` });
    expect(frame.statusCode).toBe(200);
    expect(frame.body).toContain('210°');
  });

  it('refuses an unknown artwork angle', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/media/art/${trimId}/roof.svg` });
    expect(res.statusCode).toBe(400);
  });
});
