/**
 * The last guard before a log line is written: masks what looks like personal data or a secret.
 * Callers already keep card contents, names and the launch token out of their messages; this
 * is defence in depth, so it errs on the side of masking too much.
 */
import { maskIdNumber } from '../../src/core/id-number.ts';

/** A resident ID number (GB 11643): 17 digits and a check character, not part of a longer number. */
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?!\d)/g;

/** A mainland mobile number, 11 digits from 13x to 19x, not part of a longer number. */
const MOBILE_NUMBER = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Credentials after an auth scheme, as in an `Authorization` header. */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;

/**
 * Keys whose value is personal data or a secret, in the spellings code and JSON use
 * (idNumber, id_number, id-number, …). `sub` is a JWT claim: an identity code's holder.
 */
const SENSITIVE_KEYS = [
  'token', 'password', 'passwd', 'secret', 'pin', 'authorization', 'cookie', 'sub',
  'name', 'name[-_]?en', 'full[-_]?name', 'id[-_]?number', 'id[-_]?no', 'id[-_]?card', 'pass[-_]?number',
  'phone', 'mobile', 'tel', 'address', 'birth[-_]?date', 'photo',
].join('|');

/**
 * `key=value`, `key: value`, `"key":"value"`. A quoted value is masked to its closing quote; an
 * unquoted one up to the next separator (`,` `;` `&` a closing bracket), so a name with spaces
 * after `name:` goes too, and the next `&key=` of a URL fragment is looked at on its own.
 */
const KEY_VALUE = new RegExp(
  `(?<![\\w-])(["']?)(?:${SENSITIVE_KEYS})\\1(\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^,;&)\\]}\\s][^,;&)\\]}]*)`,
  'gi',
);

/** The line with ID numbers, mobile numbers, credentials and the values of sensitive keys masked. */
export function scrubLine(line: string): string {
  return line
    .replace(AUTH_SCHEME, '$1 ***')
    .replace(KEY_VALUE, (match: string, _quote: string, separator: string, value: string) => {
      const keyPart = match.slice(0, match.length - separator.length - value.length);
      const masked = value.startsWith('"') ? '"***"' : value.startsWith("'") ? "'***'" : '***';
      return `${keyPart}${separator}${masked}`;
    })
    .replace(ID_NUMBER, (id) => maskIdNumber(id))
    .replace(MOBILE_NUMBER, (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`);
}

/** One physical line: a message with a line break in it must not forge a second log entry. */
export function singleLine(line: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return line.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
