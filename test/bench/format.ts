/** Progress goes to stderr so that stdout carries only the result table. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Rounded to `digits` decimals, without trailing zeros: "60 KB", "1.5 s", "0.19 MB". */
const decimal = (value: number, digits: number): string => String(Number(value.toFixed(digits)));

export const kb = (bytes: number): string => `${decimal(bytes / 1000, 1)} KB`;

export const mb = (bytes: number): string => `${decimal(bytes / 1_000_000, 2)} MB`;

export const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;

export const ms = (value: number): string => (value >= 1000 ? `${decimal(value / 1000, 2)} s` : `${Math.round(value)} ms`);

/** Event Timing reports nothing under 16 ms; such a tap is shown as "< 16 ms", not as 0. */
export const tapMs = (value: number | null): string => (value === null ? '< 16 ms' : ms(value));

export const perSecond = (value: number): string => `${Math.round(value).toLocaleString('en-US')} per s`;

export const count = (value: number): string => value.toLocaleString('en-US');

/** A time that may be a few milliseconds or less: decimals below 10 ms, where whole ones say too little. */
export const fineMs = (value: number): string => (value < 1 ? `${value.toFixed(2)} ms` : value < 10 ? `${value.toFixed(1)} ms` : ms(value));
