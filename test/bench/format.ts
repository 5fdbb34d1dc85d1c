/** Progress goes to stderr so that stdout carries only the result table. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;

export const mb = (bytes: number): string => `${(bytes / 1_000_000).toFixed(2)} MB`;

export const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;

export const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`);

/** Event Timing reports nothing under 16 ms; such a tap is shown as "< 16 ms", not as 0. */
export const tapMs = (value: number | null): string => (value === null ? '< 16 ms' : ms(value));
