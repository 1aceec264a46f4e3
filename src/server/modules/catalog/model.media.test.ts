import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../kernel/testing/app.js';
import { createTestStaff, type TestStaff } from '../identity/index.js';
import { media, mediaBlobs } from './catalog.schema.js';
import type { TMedia } from './model.contract.js';
import { generateCatalog, seedModelDatabase } from './model.seed.js';

let t: TestApp;
let operator: TestStaff;
let trimId: string;
const API = '/api/v1/catalog';

beforeAll(async () => {
  t = await createTestApp();
  await seedModelDatabase(t.database.db);
  operator = await createTestStaff(t.ctx, { roles: ['operator'] });
  trimId = generateCatalog()[0]?.row.id ?? '';
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
) {
  const body = multipart(fields, file);
  return t.app.inject({
    method: 'POST',
    url: `${API}/media`,
    headers: { ...operator.bearer, ...body.headers },
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

describe('demo artwork', () => {
  it('gives every seeded trim 4 to 6 images', async () => {
    const rows = await t.database.db.select({ ownerId: media.ownerId, kind: media.kind }).from(media);
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
