import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A 360° view: a sequence of frames; dragging horizontally with the mouse or a finger turns the car
 * (one frame per 12 px), arrow keys step one frame.
 */
export function Spin360({ frames, alt }: { frames: string[]; alt: string }) {
  const { t } = useTranslation('storefront');
  const [index, setIndex] = useState(0);
  const drag = useRef<{ x: number; start: number } | null>(null);
  const n = frames.length;
  if (n === 0) return null;
  const step = (delta: number) => setIndex((i) => (((i + delta) % n) + n) % n);
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={t('vehicle.spin360')}
      aria-valuemin={1}
      aria-valuemax={n}
      aria-valuenow={index + 1}
      data-testid="spin360"
      data-frame={index}
      style={{ position: 'relative', cursor: 'grab', touchAction: 'pan-y', userSelect: 'none' }}
      onPointerDown={(e) => {
        drag.current = { x: e.clientX, start: index };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (!drag.current) return;
        const frames = Math.round((e.clientX - drag.current.x) / 12);
        setIndex((((drag.current.start - frames) % n) + n) % n);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') step(-1);
        if (e.key === 'ArrowRight') step(1);
      }}
    >
      <img
        src={frames[index]}
        alt={`${alt} 360° ${index + 1}/${n}`}
        draggable={false}
        style={{ width: '100%', aspectRatio: '16 / 10', objectFit: 'contain', background: '#fafafa' }}
      />
      <div
        style={{
          position: 'absolute',
          bottom: 8,
          left: 0,
          right: 0,
          textAlign: 'center',
          fontSize: 12,
          color: '#595959',
        }}
      >
        ⟲ {t('vehicle.spinHint')} ⟳
      </div>
    </div>
  );
}
