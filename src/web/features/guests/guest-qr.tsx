import { useEffect, useState } from 'react';
import styles from './guests.module.css';

/**
 * The join link as a QR code: an SVG drawn by the `qrcode` library, shown as an <img> with a data:
 * URL (the CSP allows data: images; nothing is injected into the page's markup).
 */
export function GuestQr({ url, label }: { url: string; label: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // The library loads with the first code shown, not with the session page.
    import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((svg) => {
        if (current) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => setSource(null));
    return () => {
      current = false;
    };
  }, [url]);
  if (!source) return null;
  return <img className={styles.qr} src={source} alt={label} width={192} height={192} />;
}
