/**
 * Tiny runtime parsers for the hall API's answers. The pages trust nothing that crosses the
 * wire: an answer of the wrong shape becomes an error value at the edge (see api.ts), never an
 * `undefined` deep inside a component.
 */
export class ParseError extends Error {
  override name = 'ParseError';
}

export type Parser<T> = (value: unknown, path?: string) => T;

const fail = (path: string, expected: string): never => {
  throw new ParseError(`${path || 'value'}: expected ${expected}`);
};

export const string: Parser<string> = (value, path = '') => (typeof value === 'string' ? value : fail(path, 'a string'));

export const integer: Parser<number> = (value, path = '') => (Number.isInteger(value) ? (value as number) : fail(path, 'an integer'));

export const boolean: Parser<boolean> = (value, path = '') => (typeof value === 'boolean' ? value : fail(path, 'a boolean'));

export function literal<const T extends readonly string[]>(...allowed: T): Parser<T[number]> {
  return (value, path = '') => (allowed.includes(value as string) ? (value as T[number]) : fail(path, allowed.join(' | ')));
}

export function nullable<T>(parse: Parser<T>): Parser<T | null> {
  return (value, path) => (value === null ? null : parse(value, path));
}

export function array<T>(parse: Parser<T>): Parser<T[]> {
  return (value, path = '') => (Array.isArray(value) ? value.map((item, i) => parse(item, `${path}[${i}]`)) : fail(path, 'an array'));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function record<T>(parse: Parser<T>): Parser<Record<string, T>> {
  return (value, path = '') => {
    if (!isRecord(value)) return fail(path, 'an object');
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, parse(item, `${path}.${key}`)]));
  };
}

type Shape = Record<string, Parser<unknown>>;
type Parsed<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** Fields the page does not know are dropped, so a server that adds fields does not break it. */
export function object<S extends Shape>(shape: S): Parser<Parsed<S>> {
  return (value, path = '') => {
    if (!isRecord(value)) return fail(path, 'an object');
    const result: Record<string, unknown> = {};
    for (const [key, parse] of Object.entries(shape)) result[key] = parse(value[key], `${path}.${key}`);
    return result as Parsed<S>;
  };
}

/** Answers whose body the page does not read, e.g. `{ ok: true }`. */
export const ignored: Parser<null> = () => null;
