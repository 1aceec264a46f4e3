import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** An otpauth:// URI (or any text) as a QR code image (a data: URL, allowed by the CSP). */
export function QrCode({ value, size = 180 }: { value: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(value, { width: size, margin: 1, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => setSrc(null));
    return () => {
      live = false;
    };
  }, [value, size]);
  if (!src) return null;
  return <img src={src} width={size} height={size} alt="QR code" data-testid="totp-qr" />;
}
