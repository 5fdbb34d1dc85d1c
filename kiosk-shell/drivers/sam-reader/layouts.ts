/**
 * The three layouts of the 256-byte text block, as [field, bytes] in chip order. Every field is
 * UCS-2 little-endian, padded with spaces. The layout is told apart by the card-type mark at byte
 * 248 ('I' foreigner's permanent residence card, 'J' HMT residence permit); on the resident ID card
 * those bytes lie in the reserved tail and hold padding.
 */
export type Layout = ReadonlyArray<readonly [field: string, bytes: number]>;

/** 居民身份证 */
export const RESIDENT_LAYOUT: Layout = [
  ['name', 30],
  ['gender', 2],
  ['nation', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuer', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['reserved', 36],
];

/**
 * 外国人永久居留身份证 (2017 edition, mark 'I'). The birth date sits between the validity period
 * and the card version; without it the mark would not land on byte 248.
 */
export const FOREIGN_LAYOUT: Layout = [
  ['nameEn', 120],
  ['gender', 2],
  ['idNumber', 30],
  ['nationality', 6],
  ['name', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['birthDate', 16],
  ['cardVersion', 4],
  ['issuer', 8],
  ['cardType', 2],
  ['reserved', 6],
];

/** 港澳台居民居住证 (mark 'J'): the resident layout plus the travel permit number and issue count. */
export const HMT_LAYOUT: Layout = [
  ['name', 30],
  ['gender', 2],
  ['reserved1', 4],
  ['birthDate', 16],
  ['address', 70],
  ['idNumber', 36],
  ['issuer', 30],
  ['validFrom', 16],
  ['validTo', 16],
  ['passNumber', 18],
  ['issueCount', 4],
  ['reserved2', 6],
  ['cardType', 2],
  ['reserved3', 6],
];

export const CARD_TYPE_OFFSET = 248;
export const FOREIGN_MARK = 'I';
export const HMT_MARK = 'J';
/** The chip writes 长期 in the "valid to" field of a card that never expires. */
export const LONG_TERM = '长期';
/** GB/T 2261.1 sex codes; 0 (unknown) and 9 (unstated) never appear on an identity card. */
export const GENDER_CODES = { male: '1', female: '2' } as const;
/** The only foreigner's card version this layout describes. */
export const FOREIGN_CARD_VERSION = '01';

export function fieldOffsets(layout: Layout): Map<string, { offset: number; bytes: number }> {
  const offsets = new Map<string, { offset: number; bytes: number }>();
  let offset = 0;
  for (const [field, bytes] of layout) {
    offsets.set(field, { offset, bytes });
    offset += bytes;
  }
  return offsets;
}
