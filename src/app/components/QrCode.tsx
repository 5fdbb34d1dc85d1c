import { useEffect, useState } from 'preact/hooks';

/** A QR code drawn as one SVG path; the encoder is loaded only when a QR is first shown. */
export function QrCode({ data, size = 220, label }: { data: string; size?: number; label: string }) {
  const [path, setPath] = useState<{ d: string; modules: number } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ encode }) => {
      if (cancelled) return;
      const qr = encode(data, { ecc: 'M', border: 2 });
      let d = '';
      qr.data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
      setPath({ d, modules: qr.size });
    });
    return () => {
      cancelled = true;
    };
  }, [data]);
  return (
    <svg width={size} height={size} viewBox={`0 0 ${path?.modules ?? 1} ${path?.modules ?? 1}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width="100%" height="100%" fill="#fff" />
      {path && <path d={path.d} fill="#000" />}
    </svg>
  );
}
