import { array, integer, object, string } from '../shared/parse.ts';

/** The `state` event of /api/v1/display/events (and the answer of /api/v1/display/state). */
export const DisplayState = object({
  calls: array(object({ number: string, windowNumber: integer, calledAt: string })),
  waiting: array(object({ category: string, name: string, waiting: integer })),
});
export type DisplayState = ReturnType<typeof DisplayState>;
export type Call = DisplayState['calls'][number];
