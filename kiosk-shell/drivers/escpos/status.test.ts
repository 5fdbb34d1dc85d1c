import { describe, expect, it } from 'vitest';
import { decodeStatusByte, printerCondition, statusRequest, type StatusFlags, type StatusQuery } from './status.ts';

/** Every reply byte has bits 1 and 4 set: 0x12 is "nothing to report". */
const BASE = 0x12;

describe('DLE EOT status', () => {
  it('asks with DLE EOT n', () => {
    for (const n of [1, 2, 3, 4] as const) expect([...statusRequest(n)]).toEqual([0x10, 0x04, n]);
  });

  it.each<[StatusQuery, number, keyof StatusFlags]>([
    [1, 3, 'offline'],
    [1, 5, 'waitingForRecovery'],
    [1, 6, 'feedButtonPressed'],
    [2, 2, 'coverOpen'],
    [2, 3, 'feedingByButton'],
    [2, 5, 'stoppedByPaperEnd'],
    [2, 6, 'errorOccurred'],
    [3, 2, 'mechanicalError'],
    [3, 3, 'autocutterError'],
    [3, 5, 'unrecoverableError'],
    [3, 6, 'autoRecoverableError'],
  ])('DLE EOT %i bit %i means %s', (n, bitIndex, flag) => {
    expect(decodeStatusByte(n, BASE)?.[flag]).toBe(false);
    const flags = decodeStatusByte(n, BASE | (1 << bitIndex));
    expect(flags?.[flag]).toBe(true);
    expect(Object.entries(flags ?? {}).filter(([, on]) => on)).toEqual([[flag, true]]);
  });

  it('reads the paper sensors of DLE EOT 4 from bit pairs', () => {
    expect(decodeStatusByte(4, BASE)).toEqual({ paperNearEnd: false, paperOut: false });
    expect(decodeStatusByte(4, BASE | 0x0c)).toEqual({ paperNearEnd: true, paperOut: false });
    expect(decodeStatusByte(4, BASE | 0x60)).toEqual({ paperNearEnd: false, paperOut: true });
    expect(decodeStatusByte(4, BASE | 0x04)).toEqual({ paperNearEnd: false, paperOut: false });
  });

  it('refuses a byte that is not a status reply', () => {
    expect(decodeStatusByte(1, 0x00)).toBeNull();
    expect(decodeStatusByte(2, 0x93)).toBeNull();
    expect(printerCondition({ 1: 0x41 })).toBeNull();
    expect(printerCondition({})).toBeNull();
  });

  it.each([
    ['ready', { 1: BASE, 2: BASE, 3: BASE, 4: BASE }],
    ['paper-near-end', { 1: BASE, 2: BASE, 3: BASE, 4: BASE | 0x0c }],
    ['paper-out', { 1: BASE | 0x08, 2: BASE | 0x20 | 0x40, 3: BASE, 4: BASE | 0x6c }],
    ['paper-out', { 4: BASE | 0x60 }],
    ['cover-open', { 1: BASE | 0x08, 2: BASE | 0x04 | 0x40, 3: BASE, 4: BASE | 0x60 }],
    ['offline', { 1: BASE | 0x08, 2: BASE | 0x40, 3: BASE | 0x08, 4: BASE }],
    ['offline', { 3: BASE | 0x40 }],
  ] as const)('tells the condition %s, worst first', (condition, replies) => {
    expect(printerCondition(replies)).toBe(condition);
  });
});
