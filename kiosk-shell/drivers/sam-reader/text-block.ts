/**
 * The 256-byte text block of an identity card chip, decoded into the shared IdCard (or refused
 * with a reason), and encoded back for tests and the simulator. Pure.
 */
import { isIsoDate, validityOn, type IdCard, type IdCardRefusal } from '../../../src/core/id-card.ts';
import { birthDateOf, checkIdNumber } from '../../../src/core/id-number.ts';
import {
  CARD_TYPE_OFFSET,
  FOREIGN_CARD_VERSION,
  FOREIGN_LAYOUT,
  FOREIGN_MARK,
  GENDER_CODES,
  HMT_LAYOUT,
  HMT_MARK,
  LONG_TERM,
  RESIDENT_LAYOUT,
  type Layout,
} from './layouts.ts';
import { nationCode, nationName } from './nations.ts';

export const TEXT_BLOCK_BYTES = 256;

export type TextBlockResult =
  | { ok: true; card: IdCard }
  /** `field` names the offending field (never its value: logs must not carry personal data). */
  | { ok: false; reason: IdCardRefusal; field?: string };

const ucs2 = new TextDecoder('utf-16le');

/** Padding is ASCII or ideographic spaces; some readers pad with NUL instead. */
const isPadding = (char: string | undefined) => char === '\u0000' || (char !== undefined && /\s/u.test(char));

function trimPadding(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPadding(text[start])) start++;
  while (end > start && isPadding(text[end - 1])) end--;
  return text.slice(start, end);
}

function readFields(block: Uint8Array, layout: Layout): Record<string, string> {
  const fields: Record<string, string> = {};
  let offset = 0;
  for (const [field, bytes] of layout) {
    fields[field] = trimPadding(ucs2.decode(block.subarray(offset, offset + bytes)));
    offset += bytes;
  }
  return fields;
}

class Refusal {
  constructor(
    readonly reason: IdCardRefusal,
    readonly field?: string,
  ) {}
}

/** "20360501" → "2036-05-01"; 长期 → long-term when allowed. */
function chipDate(value: string, field: string, longTermAllowed = false): string {
  if (longTermAllowed && value === LONG_TERM) return 'long-term';
  const iso = /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : '';
  if (!isIsoDate(iso)) throw new Refusal('malformed', field);
  return iso;
}

function chipGender(value: string): IdCard['gender'] {
  if (value === GENDER_CODES.male) return 'male';
  if (value === GENDER_CODES.female) return 'female';
  throw new Refusal('malformed', 'gender');
}

function required(fields: Record<string, string>, field: string): string {
  const value = fields[field] ?? '';
  if (value === '') throw new Refusal('malformed', field);
  return value;
}

/**
 * A GB 11643 number: the check character must be right, and the birth date and the sex digit
 * (odd for men) must agree with the fields printed beside it.
 */
function checkedIdNumber(value: string, birthDate: string, gender: IdCard['gender']): string {
  const checked = checkIdNumber(value);
  if (!checked.ok) throw new Refusal(checked.problem === 'check-digit' ? 'check-digit' : 'malformed', 'idNumber');
  if (birthDateOf(checked.idNumber) !== birthDate) throw new Refusal('inconsistent', 'birthDate');
  const male = Number(checked.idNumber[16]) % 2 === 1;
  if (male !== (gender === 'male')) throw new Refusal('inconsistent', 'gender');
  return checked.idNumber;
}

function residentCard(f: Record<string, string>): IdCard {
  const gender = chipGender(f.gender ?? '');
  const nation = nationName(f.nation ?? '');
  if (nation === null) throw new Refusal('malformed', 'nation');
  const birthDate = chipDate(f.birthDate ?? '', 'birthDate');
  const card: IdCard = {
    cardType: 'resident',
    name: required(f, 'name'),
    gender,
    nation,
    birthDate,
    idNumber: checkedIdNumber(f.idNumber ?? '', birthDate, gender),
    issuer: required(f, 'issuer'),
    validFrom: chipDate(f.validFrom ?? '', 'validFrom'),
    validTo: chipDate(f.validTo ?? '', 'validTo', true),
  };
  if (f.address) card.address = f.address;
  return card;
}

/**
 * The 2017 card's 15-character number: nationality letters, then digits. Its check scheme is not
 * published, so only the shape is checked. (The 18-digit numbering of 2023 follows GB 11643 but
 * does not fit this 30-byte field; it comes on the newer card, refused as unsupported below.)
 */
function foreignNumber(value: string): string {
  if (/^[A-Z]{3}\d{12}$/.test(value)) return value;
  throw new Refusal('malformed', 'idNumber');
}

function foreignCard(f: Record<string, string>): IdCard {
  const gender = chipGender(f.gender ?? '');
  const birthDate = chipDate(f.birthDate ?? '', 'birthDate');
  const nameEn = required(f, 'nameEn');
  const nationality = f.nationality ?? '';
  if (!/^[A-Z]{3}$/.test(nationality)) throw new Refusal('malformed', 'nationality');
  return {
    cardType: 'foreign-permanent',
    // Not every permanent resident has a Chinese name; the English one is then the name.
    name: f.name || nameEn,
    nameEn,
    gender,
    birthDate,
    idNumber: foreignNumber(f.idNumber ?? ''),
    // The chip holds the code of the accepting authority, not its name.
    issuer: required(f, 'issuer'),
    validFrom: chipDate(f.validFrom ?? '', 'validFrom'),
    validTo: chipDate(f.validTo ?? '', 'validTo', true),
    nationality,
  };
}

function hmtCard(f: Record<string, string>): IdCard {
  const gender = chipGender(f.gender ?? '');
  const birthDate = chipDate(f.birthDate ?? '', 'birthDate');
  const issueCount = f.issueCount ?? '';
  if (!/^\d{1,2}$/.test(issueCount)) throw new Refusal('malformed', 'issueCount');
  const card: IdCard = {
    cardType: 'hmt-residence',
    name: required(f, 'name'),
    gender,
    birthDate,
    idNumber: checkedIdNumber(f.idNumber ?? '', birthDate, gender),
    issuer: required(f, 'issuer'),
    validFrom: chipDate(f.validFrom ?? '', 'validFrom'),
    validTo: chipDate(f.validTo ?? '', 'validTo', true),
    passNumber: required(f, 'passNumber'),
    issueCount: Number(issueCount),
  };
  if (f.address) card.address = f.address;
  return card;
}

function cardTypeMark(block: Uint8Array): string {
  return ucs2.decode(block.subarray(CARD_TYPE_OFFSET, CARD_TYPE_OFFSET + 2));
}

/** Decodes the layout and validates the number, without looking at the date. */
export function readTextBlock(block: Uint8Array): TextBlockResult {
  if (block.length !== TEXT_BLOCK_BYTES) return { ok: false, reason: 'malformed', field: 'length' };
  const mark = cardTypeMark(block);
  try {
    if (mark === FOREIGN_MARK) return { ok: true, card: foreignCard(readFields(block, FOREIGN_LAYOUT)) };
    if (mark === HMT_MARK) return { ok: true, card: hmtCard(readFields(block, HMT_LAYOUT)) };
    // Any other letter is a layout this code does not know (the 2023 foreigner's card marks 'Y').
    if (trimPadding(mark) !== '') return { ok: false, reason: 'unsupported-card-type', field: 'cardType' };
    return { ok: true, card: residentCard(readFields(block, RESIDENT_LAYOUT)) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason, ...(error.field ? { field: error.field } : {}) };
    throw error;
  }
}

/**
 * Decodes the block and checks the validity period against `today` (YYYY-MM-DD in China time):
 * an expired card does not identify its holder at a government terminal.
 */
export function decodeTextBlock(block: Uint8Array, today: string): TextBlockResult {
  const read = readTextBlock(block);
  if (!read.ok) return read;
  const validity = validityOn(read.card, today);
  return validity === 'valid' ? read : { ok: false, reason: validity, field: 'validTo' };
}

// ---- encoding: the inverse, for tests and the simulator --------------------------------------

function writeField(block: Uint8Array, offset: number, bytes: number, text: string): void {
  if (text.length * 2 > bytes) throw new RangeError(`text does not fit a ${bytes}-byte field`);
  const padded = text.padEnd(bytes / 2, ' ');
  for (let i = 0; i < padded.length; i++) {
    const unit = padded.charCodeAt(i);
    block[offset + i * 2] = unit & 0xff;
    block[offset + i * 2 + 1] = unit >> 8;
  }
}

function writeLayout(layout: Layout, values: Record<string, string>): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  let offset = 0;
  for (const [field, bytes] of layout) {
    writeField(block, offset, bytes, values[field] ?? '');
    offset += bytes;
  }
  return block;
}

const compactDate = (date: string) => (date === 'long-term' ? LONG_TERM : date.replaceAll('-', ''));

/** Builds the chip's text block for a card; it does not validate (tests need broken cards too). */
export function encodeTextBlock(card: IdCard): Uint8Array {
  const common = {
    gender: GENDER_CODES[card.gender],
    birthDate: compactDate(card.birthDate),
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: compactDate(card.validFrom),
    validTo: compactDate(card.validTo),
  };
  switch (card.cardType) {
    case 'resident':
      return writeLayout(RESIDENT_LAYOUT, {
        ...common,
        name: card.name,
        nation: nationCode(card.nation ?? '') ?? '',
        address: card.address ?? '',
      });
    case 'foreign-permanent':
      return writeLayout(FOREIGN_LAYOUT, {
        ...common,
        nameEn: card.nameEn ?? card.name,
        name: card.name === card.nameEn ? '' : card.name,
        nationality: card.nationality ?? '',
        cardVersion: FOREIGN_CARD_VERSION,
        cardType: FOREIGN_MARK,
      });
    case 'hmt-residence':
      return writeLayout(HMT_LAYOUT, {
        ...common,
        name: card.name,
        address: card.address ?? '',
        passNumber: card.passNumber ?? '',
        issueCount: String(card.issueCount ?? 1).padStart(2, '0'),
        cardType: HMT_MARK,
      });
  }
}
