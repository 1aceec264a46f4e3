import { PlayCircleOutlined, RotateRightOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Spin360 } from './Spin360.js';

export interface GalleryImage {
  url: string;
  thumbUrl?: string | null;
  angle?: string | null;
}

/** Images with a thumbnail strip; a video and a 360° view as extra tabs when the vehicle has them. */
export function Gallery({
  images,
  videoUrl,
  spinFrames,
  alt,
}: {
  images: GalleryImage[];
  videoUrl?: string | null;
  spinFrames?: string[];
  alt: string;
}) {
  const { t } = useTranslation('storefront');
  const [active, setActive] = useState(0);
  const [mode, setMode] = useState<'images' | 'video' | 'spin'>('images');
  const hasSpin = (spinFrames?.length ?? 0) > 0;
  const current = images[Math.min(active, images.length - 1)];
  const options = [
    { value: 'images', label: t('vehicle.photos', { count: images.length }) },
    ...(videoUrl ? [{ value: 'video', label: t('vehicle.video'), icon: <PlayCircleOutlined /> }] : []),
    ...(hasSpin ? [{ value: 'spin', label: '360°', icon: <RotateRightOutlined /> }] : []),
  ];
  return (
    <div data-testid="gallery">
      {options.length > 1 && (
        <Segmented
          size="small"
          value={mode}
          options={options}
          onChange={(v) => setMode(v as typeof mode)}
          style={{ marginBottom: 8 }}
          data-testid="gallery-mode"
        />
      )}
      {mode === 'video' && videoUrl ? (
        // biome-ignore lint/a11y/useMediaCaption: dealers' walk-around videos have no caption track
        <video src={videoUrl} controls style={{ width: '100%', aspectRatio: '16 / 9', background: '#000' }} />
      ) : mode === 'spin' && spinFrames ? (
        <Spin360 frames={spinFrames} alt={alt} />
      ) : current ? (
        <>
          <img
            src={current.url}
            alt={`${alt} ${current.angle ?? ''}`}
            data-testid="gallery-main"
            style={{
              width: '100%',
              aspectRatio: '16 / 10',
              objectFit: 'cover',
              borderRadius: 8,
              background: '#fafafa',
              display: 'block',
            }}
          />
          {images.length > 1 && (
            <div style={{ display: 'flex', gap: 6, overflowX: 'auto', marginTop: 8, paddingBottom: 4 }}>
              {images.map((img, i) => (
                <button
                  type="button"
                  key={img.url}
                  onClick={() => setActive(i)}
                  aria-label={t('vehicle.photoN', { n: i + 1 })}
                  data-testid="gallery-thumb"
                  style={{
                    flex: 'none',
                    padding: 0,
                    border: i === active ? '2px solid #d4380d' : '2px solid transparent',
                    borderRadius: 6,
                    background: 'none',
                    cursor: 'pointer',
                  }}
                >
                  <img
                    src={img.thumbUrl ?? img.url}
                    alt=""
                    style={{ width: 72, height: 54, objectFit: 'cover', borderRadius: 4, display: 'block' }}
                  />
                </button>
              ))}
            </div>
          )}
        </>
      ) : (
        <div
          style={{ width: '100%', aspectRatio: '16 / 10', background: '#f0f0f0', borderRadius: 8 }}
          role="img"
          aria-label={t('vehicle.noPhoto')}
        />
      )}
    </div>
  );
}
