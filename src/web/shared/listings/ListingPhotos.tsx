import './i18n.js';
import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  DeleteOutlined,
  InboxOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Image, Space, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { type TListingPhoto, useListingPhotoMutations, useListingPhotos } from '../hooks/listings.js';

const ACCEPT = 'image/jpeg,image/png,image/webp';
const MAX_BYTES = 8 * 1024 * 1024;

/** Moves one id to another place in the list. */
export function moveId(ids: readonly string[], id: string, to: number): string[] {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.max(0, Math.min(to, rest.length)), 0, id);
  return rest;
}

/**
 * A listing's photos: drop or pick files to upload (JPEG/PNG/WebP up to 8 MB; the server re-checks type,
 * size and strips EXIF), drag a photo onto another (or use the arrows) to reorder, and make one the cover
 * (the first photo).
 */
export function ListingPhotos({ listingId, editable }: { listingId: string; editable: boolean }) {
  const { t } = useTranslation('listings');
  const { message } = App.useApp();
  const photos = useListingPhotos(listingId);
  const m = useListingPhotoMutations(listingId);
  const [dragging, setDragging] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = [...(photos.data ?? [])].sort((a, b) => a.sort - b.sort);
  const ids = list.map((p) => p.id);
  const reorder = (next: string[]) =>
    m.reorder.mutate(next, { onError: (e) => setError(e instanceof ApiError ? e.message : String(e)) });

  const beforeUpload = (file: File) => {
    setError(null);
    if (!ACCEPT.split(',').includes(file.type)) {
      setError(t('photos.badType', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_BYTES) {
      setError(t('photos.tooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    m.upload.mutate(file, {
      onSuccess: () => void message.success(t('photos.uploaded')),
      onError: (e) => setError(e instanceof ApiError ? `${file.name}: ${e.message}` : String(e)),
    });
    return false;
  };

  return (
    <Card title={t('photos.title')} size="small" data-testid="listing-photos">
      {editable ? (
        <Upload.Dragger
          accept={ACCEPT}
          multiple
          showUploadList={false}
          beforeUpload={beforeUpload}
          disabled={m.upload.isPending}
          data-testid="photo-drop"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('photos.drop')}</p>
          <p className="ant-upload-hint">{t('photos.hint')}</p>
        </Upload.Dragger>
      ) : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} /> : null}
      <ol
        style={{
          listStyle: 'none',
          padding: 0,
          margin: 0,
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))',
          gap: 12,
          marginTop: 12,
        }}
      >
        {list.map((p: TListingPhoto, i) => (
          <li
            key={p.id}
            data-testid="photo-item"
            data-photo-id={p.id}
            draggable={editable}
            onDragStart={() => setDragging(p.id)}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragging && dragging !== p.id) reorder(moveId(ids, dragging, i));
              setDragging(null);
            }}
            style={{
              border: '1px solid var(--ant-color-border, #d9d9d9)',
              borderRadius: 8,
              padding: 6,
              opacity: dragging === p.id ? 0.5 : 1,
              cursor: editable ? 'grab' : 'default',
            }}
          >
            <Image
              src={p.thumbUrl ?? p.url}
              preview={{ src: p.url }}
              alt={t('photos.alt', { n: i + 1 })}
              style={{ width: '100%', aspectRatio: '4 / 3', objectFit: 'cover', borderRadius: 4 }}
            />
            <Space size={2} wrap style={{ marginTop: 4 }}>
              {i === 0 ? (
                <Tag color="gold" data-testid="photo-cover">
                  {t('photos.cover')}
                </Tag>
              ) : editable ? (
                <Tooltip title={t('photos.makeCover')}>
                  <Button
                    size="small"
                    type="text"
                    icon={<StarOutlined />}
                    aria-label={t('photos.makeCover')}
                    data-testid="photo-make-cover"
                    onClick={() => reorder(moveId(ids, p.id, 0))}
                  />
                </Tooltip>
              ) : null}
              {editable ? (
                <>
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowLeftOutlined />}
                    aria-label={t('photos.earlier')}
                    disabled={i === 0}
                    data-testid="photo-earlier"
                    onClick={() => reorder(moveId(ids, p.id, i - 1))}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowRightOutlined />}
                    aria-label={t('photos.later')}
                    disabled={i === list.length - 1}
                    data-testid="photo-later"
                    onClick={() => reorder(moveId(ids, p.id, i + 1))}
                  />
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('photos.remove')}
                    data-testid="photo-remove"
                    onClick={() => m.remove.mutate(p.id)}
                  />
                </>
              ) : null}
            </Space>
          </li>
        ))}
      </ol>
      {list.length === 0 && !photos.isLoading ? (
        <div style={{ marginTop: 8, color: 'var(--ant-color-text-secondary, #888)' }}>{t('photos.none')}</div>
      ) : null}
    </Card>
  );
}
