import type { JourneyId } from '../journeys/journeys.ts';

/** Simple line drawings, readable at arm's length and free of any font or image file. */
const PATHS: Record<JourneyId, string> = {
  ticket: 'M6 10h36v8a5 5 0 0 0 0 10v8H6v-8a5 5 0 0 0 0-10zM18 16v16M26 19h8M26 25h8',
  certificates: 'M8 8h32v32H8zM14 16h12M14 22h20M14 28h20M31 11l3 3 5-6',
  cases: 'M12 6h18l8 8v28H12zM30 6v8h8M18 24h14M18 30h14M18 36h8',
  progress: 'M24 6a18 18 0 1 0 0 36 18 18 0 0 0 0-36zM24 14v10l7 5',
  evaluation: 'M24 6l5.6 11.3 12.4 1.8-9 8.8 2.1 12.4L24 34.4l-11.1 5.9L15 27.9l-9-8.8 12.4-1.8z',
  guide: 'M10 8h13a5 5 0 0 1 5 5v27a4 4 0 0 0-4-4H10zM38 8H28v32a4 4 0 0 1 4-4h6z',
};

export function JourneyIcon({ journey }: { journey: JourneyId }) {
  return (
    <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
      <path d={PATHS[journey]} fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round" stroke-linecap="round" />
    </svg>
  );
}
