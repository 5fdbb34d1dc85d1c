import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIdCard, type IdCard } from '../../../src/core/id-card.ts';
import { idCheckChar } from '../../../src/core/id-number.ts';
import { DEMO_CARDS, fictionalIdNumber, withWrongCheckDigit } from './demo-cards.ts';
import { FOREIGN_LAYOUT, HMT_LAYOUT, RESIDENT_LAYOUT, fieldOffsets } from './layouts.ts';
import { NATION_COUNT, nationCode, nationName } from './nations.ts';
import { decodeTextBlock, encodeTextBlock, readTextBlock, TEXT_BLOCK_BYTES } from './text-block.ts';

const TODAY = '2026-03-15';

/** Overwrites one field of a block with raw text, as a damaged or foreign chip would hold it. */
function patch(block: Uint8Array, layout: typeof RESIDENT_LAYOUT, field: string, text: string): Uint8Array {
  const copy = block.slice();
  const { offset, bytes } = fieldOffsets(layout).get(field)!;
  const padded = text.padEnd(bytes / 2, ' ');
  for (let i = 0; i < bytes / 2; i++) {
    copy[offset + i * 2] = padded.charCodeAt(i) & 0xff;
    copy[offset + i * 2 + 1] = padded.charCodeAt(i) >> 8;
  }
  return copy;
}

describe('the three layouts', () => {
  it('add up to the 256-byte block, with the card-type mark at byte 248', () => {
    for (const layout of [RESIDENT_LAYOUT, FOREIGN_LAYOUT, HMT_LAYOUT]) {
      expect(layout.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(TEXT_BLOCK_BYTES);
    }
    expect(fieldOffsets(FOREIGN_LAYOUT).get('cardType')?.offset).toBe(248);
    expect(fieldOffsets(HMT_LAYOUT).get('cardType')?.offset).toBe(248);
    const foreign = encodeTextBlock(DEMO_CARDS.foreign);
    expect([foreign[248], foreign[249]]).toEqual([0x49, 0x00]); // 'I' in UCS-2LE
  });
});

describe('decoding a resident ID card', () => {
  it('reads every field, with the ethnic group by name and padding trimmed', () => {
    expect(decodeTextBlock(encodeTextBlock(DEMO_CARDS.citizen), TODAY)).toEqual({
      ok: true,
      card: {
        cardType: 'resident',
        name: '王虚构',
        gender: 'male',
        nation: '汉',
        birthDate: '2001-07-04',
        address: '示例省示例市示范区演示路1号',
        idNumber: DEMO_CARDS.citizen.idNumber,
        issuer: '示例市公安局示范分局',
        validFrom: '2019-08-01',
        validTo: '2029-08-01',
      },
    });
  });

  it('reads 长期 as a long-term card that never expires', () => {
    const result = decodeTextBlock(encodeTextBlock(DEMO_CARDS.elder), '2099-12-31');
    expect(result.ok && result.card.validTo).toBe('long-term');
  });

  it('reads a block padded with NUL instead of spaces', () => {
    const block = encodeTextBlock(DEMO_CARDS.booked).map((byte, index, all) =>
      byte === 0x20 && all[index + 1] === 0 && index % 2 === 0 ? 0 : byte,
    );
    const result = decodeTextBlock(block, TODAY);
    expect(result.ok && [result.card.name, result.card.nation]).toEqual(['周样例', '蒙古']);
  });

  it('upper-cases a trailing x of the number', () => {
    const sequences = Array.from({ length: 500 }, (_, i) => String(i * 2 + 1).padStart(3, '0'));
    const first17 = sequences.map((sequence) => `99010119800101${sequence}`).find((digits) => idCheckChar(digits) === 'X')!;
    const card: IdCard = { ...DEMO_CARDS.citizen, birthDate: '1980-01-01', idNumber: `${first17}x` };
    const result = decodeTextBlock(encodeTextBlock(card), TODAY);
    expect(result.ok && result.card.idNumber).toBe(`${first17}X`);
  });
});

describe('decoding the other cards', () => {
  it("reads a foreigner's permanent residence card ('I')", () => {
    expect(decodeTextBlock(encodeTextBlock(DEMO_CARDS.foreign), TODAY)).toEqual({ ok: true, card: DEMO_CARDS.foreign });
  });

  it('uses the English name when a foreigner has no Chinese name', () => {
    const card = { ...DEMO_CARDS.foreign, name: DEMO_CARDS.foreign.nameEn };
    const result = decodeTextBlock(encodeTextBlock(card), TODAY);
    expect(result.ok && [result.card.name, result.card.nameEn]).toEqual(['SAMPLE, DEMO', 'SAMPLE, DEMO']);
  });

  it("reads a Hong Kong/Macao/Taiwan residence permit ('J') with pass number and issue count", () => {
    expect(decodeTextBlock(encodeTextBlock(DEMO_CARDS.hmt), TODAY)).toEqual({ ok: true, card: DEMO_CARDS.hmt });
  });
});

describe('refusals', () => {
  it('refuses an expired card, but accepts it on its last valid day', () => {
    const block = encodeTextBlock(DEMO_CARDS.citizen);
    expect(decodeTextBlock(block, '2029-08-01').ok).toBe(true);
    expect(decodeTextBlock(block, '2029-08-02')).toEqual({ ok: false, reason: 'expired', field: 'validTo' });
    expect(decodeTextBlock(encodeTextBlock(DEMO_CARDS.expired), TODAY)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses a card whose validity has not begun', () => {
    expect(decodeTextBlock(encodeTextBlock(DEMO_CARDS.hmt), '2023-08-31')).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it.each(['citizen', 'hmt'] as const)('refuses a wrong check digit on the %s card', (name) => {
    const result = decodeTextBlock(encodeTextBlock(withWrongCheckDigit(DEMO_CARDS[name])), TODAY);
    expect(result).toEqual({ ok: false, reason: 'check-digit', field: 'idNumber' });
  });

  it('refuses a number whose birth date or sex digit disagrees with the card', () => {
    const otherBirth = { ...DEMO_CARDS.citizen, birthDate: '2001-07-05' };
    expect(readTextBlock(encodeTextBlock(otherBirth))).toEqual({ ok: false, reason: 'inconsistent', field: 'birthDate' });
    const otherSex = { ...DEMO_CARDS.citizen, gender: 'female' as const };
    expect(readTextBlock(encodeTextBlock(otherSex))).toEqual({ ok: false, reason: 'inconsistent', field: 'gender' });
  });

  it.each([
    ['gender', '9'],
    ['nation', '60'],
    ['birthDate', '20010231'],
    ['validTo', '永久'],
    ['idNumber', '99010120010704057'],
    ['name', ''],
  ])('refuses a resident card with an unreadable %s as malformed', (field, text) => {
    const block = patch(encodeTextBlock(DEMO_CARDS.citizen), RESIDENT_LAYOUT, field, text);
    expect(readTextBlock(block)).toEqual({ ok: false, reason: 'malformed', field });
  });

  it('refuses a foreigner card with a malformed nationality or number', () => {
    const block = encodeTextBlock(DEMO_CARDS.foreign);
    expect(readTextBlock(patch(block, FOREIGN_LAYOUT, 'nationality', 'Ca'))).toMatchObject({ reason: 'malformed', field: 'nationality' });
    expect(readTextBlock(patch(block, FOREIGN_LAYOUT, 'idNumber', 'CAN-99'))).toMatchObject({ reason: 'malformed', field: 'idNumber' });
  });

  it('refuses a card-type mark it does not know, and a block of the wrong size', () => {
    const newer = patch(encodeTextBlock(DEMO_CARDS.foreign), FOREIGN_LAYOUT, 'cardType', 'Y');
    expect(readTextBlock(newer)).toEqual({ ok: false, reason: 'unsupported-card-type', field: 'cardType' });
    expect(readTextBlock(new Uint8Array(255))).toEqual({ ok: false, reason: 'malformed', field: 'length' });
  });
});

describe('ethnic groups', () => {
  it('knows all 56 groups of GB/T 3304 by code, both ways', () => {
    expect(NATION_COUNT).toBe(56);
    expect([nationName('01'), nationName('05'), nationName('56'), nationName('98')]).toEqual(['汉', '维吾尔', '基诺', '外国血统中国籍人士']);
    for (let code = 1; code <= 56; code++) {
      const padded = String(code).padStart(2, '0');
      expect(nationCode(nationName(padded)!)).toBe(padded);
    }
    expect(nationName('57')).toBeNull();
  });
});

describe('encode → decode round trip (fast-check)', () => {
  const hanzi = (min: number, max: number) =>
    fc.array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: min, maxLength: max }).map((units) => String.fromCharCode(...units));
  const isoDate = (min: string, max: string) =>
    fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const person = fc.record({
    name: hanzi(1, 15),
    gender: fc.constantFrom('male' as const, 'female' as const),
    birthDate: isoDate('1900-01-01', '2020-12-31'),
    sequence: fc.integer({ min: 0, max: 99 }),
    issuer: hanzi(1, 15),
    address: hanzi(0, 35),
    validFrom: isoDate('2000-01-01', TODAY),
    validTo: fc.oneof(isoDate(TODAY, '2046-12-31'), fc.constant('long-term')),
  });
  /** The sex digit is odd for men. */
  const idFor = (p: { gender: string; birthDate: string; sequence: number }) =>
    fictionalIdNumber(p.birthDate, `${String(p.sequence).padStart(2, '0')}${p.gender === 'male' ? 1 : 2}`);
  const withAddress = (card: IdCard, address: string): IdCard => (address ? { ...card, address } : card);

  const resident = fc.tuple(person, fc.integer({ min: 1, max: 56 })).map(([p, nation]) =>
    withAddress(
      {
        cardType: 'resident',
        name: p.name,
        gender: p.gender,
        nation: nationName(String(nation).padStart(2, '0'))!,
        birthDate: p.birthDate,
        idNumber: idFor(p),
        issuer: p.issuer,
        validFrom: p.validFrom,
        validTo: p.validTo,
      },
      p.address,
    ),
  );
  const hmt = fc
    .tuple(person, fc.stringMatching(/^[A-Z0-9]{8,9}$/), fc.integer({ min: 0, max: 99 }))
    .map(([p, passNumber, issueCount]) =>
      withAddress(
        { cardType: 'hmt-residence', name: p.name, gender: p.gender, birthDate: p.birthDate, idNumber: idFor(p), issuer: p.issuer, validFrom: p.validFrom, validTo: p.validTo, passNumber, issueCount },
        p.address,
      ),
    );
  const foreign = fc
    .tuple(person, fc.stringMatching(/^[A-Z]+(?:[ ,]{1,2}[A-Z]+){0,3}$/), fc.stringMatching(/^[A-Z]{3}$/), fc.stringMatching(/^\d{12}$/), fc.boolean())
    .filter(([, nameEn]) => nameEn.length <= 60)
    .map(
      ([p, nameEn, nationality, digits, hasChineseName]): IdCard => ({
        cardType: 'foreign-permanent',
        name: hasChineseName ? p.name : nameEn,
        nameEn,
        gender: p.gender,
        birthDate: p.birthDate,
        idNumber: nationality + digits,
        issuer: String(p.sequence).padStart(4, '0'),
        validFrom: p.validFrom,
        validTo: p.validTo,
        nationality,
      }),
    );

  it('gives back every valid card of all three types, which the shared bridge parser accepts', () => {
    fc.assert(
      fc.property(fc.oneof(resident, hmt, foreign), (card) => {
        const result = decodeTextBlock(encodeTextBlock(card), TODAY);
        expect(result).toEqual({ ok: true, card });
        expect(parseIdCard(JSON.parse(JSON.stringify(card)))).toEqual(card);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary blocks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), (block) => {
        const result = decodeTextBlock(block, TODAY);
        if (result.ok) expect(parseIdCard(result.card)).toEqual(result.card);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the shared card parser', () => {
  it('refuses cards missing a field or with a field of the wrong shape', () => {
    const card = DEMO_CARDS.hmt;
    expect(parseIdCard(card)).toEqual(card);
    expect(parseIdCard({ ...card, cardType: 'passport' })).toBeNull();
    expect(parseIdCard({ ...card, birthDate: '1990-02-30' })).toBeNull();
    expect(parseIdCard({ ...card, validTo: 'forever' })).toBeNull();
    expect(parseIdCard({ ...card, issueCount: '01' })).toBeNull();
    expect(parseIdCard({ ...card, name: '' })).toBeNull();
    expect(parseIdCard({ ...card, address: 5 })).toBeNull();
    expect(parseIdCard([card])).toBeNull();
  });
});
