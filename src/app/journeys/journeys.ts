import type { MessageKey } from '../i18n/index.ts';

export const JOURNEY_IDS = ['ticket', 'certificates', 'cases', 'progress', 'evaluation', 'guide'] as const;
export type JourneyId = (typeof JOURNEY_IDS)[number];

export interface Journey {
  id: JourneyId;
  title: MessageKey;
  hint: MessageKey;
}

export const journeys: Journey[] = JOURNEY_IDS.map((id) => ({
  id,
  title: `journey.${id}` as MessageKey,
  hint: `journey.${id}.hint` as MessageKey,
}));
