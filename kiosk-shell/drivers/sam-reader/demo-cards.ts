/**
 * Fictional cards for the simulator, the demo and the tests. Every number uses the area code of
 * the fictional 示例市 (990101 is no real area) with a correct check character, so validation
 * treats them as real. The resident cards belong to the demo hall's citizens (src/server/demo/people.ts)
 * and carry the same numbers, so a simulated card finds their appointments.
 */
import type { IdCard } from '../../../src/core/id-card.ts';
import { idCheckChar } from '../../../src/core/id-number.ts';
import { PHOTO_LENGTH } from './codec.ts';

const FICTIONAL_AREA = '990101';

export function fictionalIdNumber(birthDate: string, sequence: string, area = FICTIONAL_AREA): string {
  const first17 = `${area}${birthDate.replaceAll('-', '')}${sequence}`;
  return first17 + idCheckChar(first17);
}

const ISSUER = '示例市公安局示范分局';
const ADDRESS = '示例省示例市示范区演示路1号';

function resident(name: string, gender: IdCard['gender'], birthDate: string, sequence: string, validity: [string, string]): IdCard {
  return {
    cardType: 'resident',
    name,
    gender,
    nation: '汉',
    birthDate,
    address: ADDRESS,
    idNumber: fictionalIdNumber(birthDate, sequence),
    issuer: ISSUER,
    validFrom: validity[0],
    validTo: validity[1],
  };
}

export const DEMO_CARDS = {
  /** 王虚构, the demo hall's ordinary citizen. */
  citizen: resident('王虚构', 'male', '2001-07-04', '057', ['2019-08-01', '2029-08-01']),
  /** 林示范, seventy-plus: a long-term card, as issued to people over 46. */
  elder: resident('林示范', 'male', '1948-06-15', '013', ['2010-03-02', 'long-term']),
  /** 周样例, holds an appointment in the demo. */
  booked: { ...resident('周样例', 'female', '1986-03-08', '024', ['2016-05-01', '2036-05-01']), nation: '蒙古' },
  /** A card whose validity ended: refused with 'expired'. */
  expired: resident('郑测试', 'female', '1979-01-30', '046', ['2005-01-10', '2025-01-10']),
  /** 港澳台居民居住证 of a fictional Hong Kong resident. */
  hmt: {
    cardType: 'hmt-residence',
    name: '陈示例',
    gender: 'female',
    birthDate: '1990-02-14',
    address: ADDRESS,
    idNumber: fictionalIdNumber('1990-02-14', '062'),
    issuer: ISSUER,
    validFrom: '2023-09-01',
    validTo: '2028-09-01',
    passNumber: 'H99000001',
    issueCount: 1,
  },
  /** 外国人永久居留身份证 (2017 edition) of a fictional Canadian. */
  foreign: {
    cardType: 'foreign-permanent',
    name: '马演示',
    nameEn: 'SAMPLE, DEMO',
    gender: 'male',
    birthDate: '1985-10-03',
    idNumber: 'CAN990185100311',
    issuer: '1500',
    validFrom: '2020-06-15',
    validTo: '2030-06-15',
    nationality: 'CAN',
  },
} satisfies Record<string, IdCard>;

export type DemoCardName = keyof typeof DEMO_CARDS;

/** The same card with its check character changed: refused with 'check-digit'. */
export function withWrongCheckDigit(card: IdCard): IdCard {
  const last = card.idNumber.slice(-1);
  return { ...card, idNumber: card.idNumber.slice(0, -1) + (last === '0' ? '1' : '0') };
}

/**
 * A stand-in for the 1,024-byte WLT photo. The real format is proprietary (decoded only by the
 * licensed library); the kiosk passes it on untouched, so a recognisable pattern is enough.
 */
export function demoPhoto(seed = 0): Uint8Array {
  const photo = new Uint8Array(PHOTO_LENGTH);
  for (let i = 0; i < photo.length; i++) photo[i] = (i * 31 + seed * 7) & 0xff;
  return photo;
}
