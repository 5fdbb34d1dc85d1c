/**
 * A handwritten signature on the touch screen, for 告知承诺: strokes drawn with a finger, kept
 * as one SVG path in a fixed 600×200 box, so the server stores a few kilobytes of vector ink
 * rather than a picture of the screen. Too little ink (a tap, a dot) is no signature.
 */
import { useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { t } from '../i18n/index.ts';
import { Button } from './Button.tsx';
import styles from './SignaturePad.module.css';

export const SIGNATURE_WIDTH = 600;
export const SIGNATURE_HEIGHT = 200;
/** Enough points for any name written slowly; a path stays well under 32 KB. */
const MAX_POINTS = 2400;
/** Less ink than this (in path length, box units) is a tap or a dot, not a signature. */
const MIN_INK = 120;

type Point = [number, number];

export function signaturePath(strokes: readonly Point[][]): string {
  return strokes
    .filter((stroke) => stroke.length > 0)
    .map((stroke) => stroke.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${Math.round(x)} ${Math.round(y)}`).join(''))
    .join('');
}

export function inkLength(strokes: readonly Point[][]): number {
  let length = 0;
  for (const stroke of strokes) for (let i = 1; i < stroke.length; i++) length += Math.hypot(stroke[i]![0] - stroke[i - 1]![0], stroke[i]![1] - stroke[i - 1]![1]);
  return length;
}

export function SignaturePad({ onChange }: { onChange: (path: string | null) => void }) {
  const strokes = useSignal<Point[][]>([]);
  const drawing = useRef(false);
  const box = useRef<SVGSVGElement>(null);

  const pointOf = (event: PointerEvent): Point => {
    const rect = box.current!.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * SIGNATURE_WIDTH, ((event.clientY - rect.top) / rect.height) * SIGNATURE_HEIGHT];
  };
  const points = () => strokes.value.reduce((sum, stroke) => sum + stroke.length, 0);
  const publish = () => onChange(inkLength(strokes.value) >= MIN_INK ? signaturePath(strokes.value) : null);

  const start = (event: PointerEvent) => {
    if (points() >= MAX_POINTS) return;
    drawing.current = true;
    box.current!.setPointerCapture(event.pointerId);
    strokes.value = [...strokes.value, [pointOf(event)]];
  };
  const move = (event: PointerEvent) => {
    if (!drawing.current || points() >= MAX_POINTS) return;
    const all = strokes.value;
    strokes.value = [...all.slice(0, -1), [...all[all.length - 1]!, pointOf(event)]];
  };
  const end = () => {
    if (!drawing.current) return;
    drawing.current = false;
    publish();
  };
  const clear = () => {
    strokes.value = [];
    onChange(null);
  };

  return (
    <div class={styles.pad}>
      <svg
        ref={box}
        class={styles.surface}
        viewBox={`0 0 ${SIGNATURE_WIDTH} ${SIGNATURE_HEIGHT}`}
        role="img"
        aria-label={t('signature.label')}
        data-testid="signature-pad"
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
      >
        <line x1="40" y1="160" x2={SIGNATURE_WIDTH - 40} y2="160" class={styles.baseline} />
        <path d={signaturePath(strokes.value)} class={styles.ink} />
      </svg>
      <div class={styles.row}>
        <span class={styles.hint}>{t('signature.hint')}</span>
        <Button onClick={clear} testId="signature-clear">
          {t('signature.clear')}
        </Button>
      </div>
    </div>
  );
}
