/**
 * The identity card as the kiosk knows it: what kiosk-shell's reader decodes from the chip and
 * what the PWA receives in the bridge's `card` message (DESIGN.md, "Bridge messages"). Three
 * cards share the resident-ID reader: the resident ID card (居民身份证), the foreigner's permanent
 * residence card (外国人永久居留身份证) and the Hong Kong / Macao / Taiwan residence permit
 * (港澳台居民居住证).
 */
export const ID_CARD_TYPES = ['resident', 'foreign-permanent', 'hmt-residence'] as const;
export type IdCardType = (typeof ID_CARD_TYPES)[number];

export interface IdCard {
  cardType: IdCardType;
  /** Chinese name; for a foreigner without one, the English name. */
  name: string;
  /** Foreigner's card only. */
  nameEn?: string;
  gender: 'male' | 'female';
  /** Ethnic group as printed on the resident card (汉, 蒙古, …). */
  nation?: string;
  /** YYYY-MM-DD */
  birthDate: string;
  address?: string;
  /** Resident ID number, permit number or permanent-residence number. */
  idNumber: string;
  /** Issuing authority; on a foreigner's card the authority code the chip holds. */
  issuer: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, or 'long-term' for 长期. */
  validTo: string;
  /** HMT permit only: the number of the travel permit (通行证). */
  passNumber?: string;
  /** HMT permit only: how many times the permit has been issued (签发次数). */
  issueCount?: number;
  /** Foreigner's card only: ISO 3166-1 alpha-3 code of the nationality. */
  nationality?: string;
}

/**
 * Why a card on the reader does not identify anyone. Each maps to a citizen-facing message key
 * (`card.<reason>`), so the screen says what to do instead of "error".
 */
export const ID_CARD_REFUSALS = [
  /** The chip could not be read to the end (card moved, bad contact, reader fault). */
  'unreadable',
  /** The text block is not one of the three layouts, or a field is not a valid value. */
  'malformed',
  /** A card type the kiosk does not handle (e.g. a layout newer than this code). */
  'unsupported-card-type',
  /** The number's GB 11643 check character is wrong: a damaged or forged chip. */
  'check-digit',
  /** The number and the printed fields disagree (birth date, gender). */
  'inconsistent',
  /** The validity period ended before today. */
  'expired',
  /** The validity period starts after today. */
  'not-yet-valid',
] as const;
export type IdCardRefusal = (typeof ID_CARD_REFUSALS)[number];

export const idCardRefusalMessageKey = (reason: IdCardRefusal): string => `card.${reason}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Where `today` (YYYY-MM-DD, China time) falls against the card's validity period. */
export function validityOn(card: Pick<IdCard, 'validFrom' | 'validTo'>, today: string): 'valid' | 'expired' | 'not-yet-valid' {
  if (today < card.validFrom) return 'not-yet-valid';
  // The card is valid through its last day (有效期限 2016.05.01-2036.05.01 includes 1 May 2036).
  if (card.validTo !== 'long-term' && today > card.validTo) return 'expired';
  return 'valid';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

/** Reads a card from the bridge; null when any field is missing or not of its shape. */
export function parseIdCard(value: unknown): IdCard | null {
  if (!isRecord(value)) return null;
  const { cardType, name, gender, birthDate, idNumber, issuer, validFrom, validTo, issueCount } = value;
  if (!ID_CARD_TYPES.includes(cardType as IdCardType)) return null;
  if (typeof name !== 'string' || name === '' || typeof idNumber !== 'string' || idNumber === '') return null;
  if (gender !== 'male' && gender !== 'female') return null;
  if (typeof issuer !== 'string') return null;
  if (typeof birthDate !== 'string' || !isIsoDate(birthDate)) return null;
  if (typeof validFrom !== 'string' || !isIsoDate(validFrom)) return null;
  if (typeof validTo !== 'string' || (validTo !== 'long-term' && !isIsoDate(validTo))) return null;
  if (issueCount !== undefined && (!Number.isInteger(issueCount) || (issueCount as number) < 0)) return null;
  const optional = ['nameEn', 'nation', 'address', 'passNumber', 'nationality'] as const;
  if (!optional.every((key) => optionalString(value[key]))) return null;
  const card: IdCard = { cardType: cardType as IdCardType, name, gender, birthDate, idNumber, issuer, validFrom, validTo };
  for (const key of optional) {
    const field = value[key];
    if (typeof field === 'string') card[key] = field;
  }
  if (typeof issueCount === 'number') card.issueCount = issueCount;
  return card;
}
