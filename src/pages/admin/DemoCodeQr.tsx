import { useEffect, useState } from 'preact/hooks';

/** ISO 18004 asks for a quiet zone of four modules; phone cameras lose codes shown with less. */
const QUIET_ZONE_MODULES = 4;
/**
 * A flat, backlit screen damages no modules, while a terminal's webcam needs them large: the lowest
 * correction level keeps a ~400-character code at about 77 modules instead of 89.
 */
const ERROR_CORRECTION = 'L';
/** Below this a phone held at arm's length from a monitor stops resolving the modules. */
const MIN_MODULE_PX = 4;

interface Drawn {
  path: string;
  modules: number;
}

/**
 * A QR code for a camera to read off the screen: every module a whole number of pixels (no
 * blurred edges), black on white, with the full quiet zone. The encoder is loaded on first use.
 */
export function DemoCodeQr({ data, maxSize, label }: { data: string; maxSize: number; label: string }) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('uqr').then(({ encode }) => {
      if (cancelled) return;
      const qr = encode(data, { ecc: ERROR_CORRECTION, border: QUIET_ZONE_MODULES });
      let path = '';
      qr.data.forEach((row, y) => row.forEach((dark, x) => dark && (path += `M${x} ${y}h1v1h-1z`)));
      setDrawn({ path, modules: qr.size });
    });
    return () => {
      cancelled = true;
    };
  }, [data]);
  if (!drawn) return <div style={{ width: maxSize, height: maxSize }} aria-busy="true" />;
  const modulePx = Math.max(MIN_MODULE_PX, Math.floor(maxSize / drawn.modules));
  const size = modulePx * drawn.modules;
  return (
    <svg
      width={size}
      height={size}
      viewBox={`0 0 ${drawn.modules} ${drawn.modules}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-testid="demo-code-qr"
      data-modules={drawn.modules}
      data-module-px={modulePx}
    >
      <rect width={drawn.modules} height={drawn.modules} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
