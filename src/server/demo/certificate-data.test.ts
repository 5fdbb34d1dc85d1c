import { describe, expect, it } from 'vitest';
import { CERTIFICATE_TYPES, certificateType, isCertificateValid } from '../../core/certificates.ts';
import { checkCreditCode } from '../../core/credit-code.ts';
import { checkIdNumber } from '../../core/id-number.ts';
import { DEMO_CERTIFICATES, DEMO_ENTERPRISES, DEMO_WINDOW_USES } from './certificate-data.ts';
import { DEMO_PEOPLE } from './people.ts';

const PEOPLE = Object.values(DEMO_PEOPLE);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('demo certificate library', () => {
  it('gives enterprises credit codes of the fictional area that pass GB 32100', () => {
    expect(DEMO_ENTERPRISES).toHaveLength(2);
    for (const enterprise of DEMO_ENTERPRISES) {
      expect(checkCreditCode(enterprise.creditCode)).toEqual({ ok: true, code: enterprise.creditCode });
      expect(enterprise.creditCode.startsWith('91990101')).toBe(true);
    }
  });

  it('gives every certificate a valid holder number of the kind its type expects', () => {
    for (const certificate of DEMO_CERTIFICATES) {
      const type = certificateType(certificate.typeCode);
      expect(type, certificate.typeCode).toBeDefined();
      if (type?.holderKind === 'person') expect(checkIdNumber(certificate.holderId).ok, certificate.number).toBe(true);
      else expect(checkCreditCode(certificate.holderId).ok, certificate.number).toBe(true);
    }
  });

  it('names only demo people and demo enterprises as holders, with their own numbers', () => {
    const holders = new Map<string, string>([...PEOPLE.map((p) => [p.name, p.idNumber] as const), ...DEMO_ENTERPRISES.map((e) => [e.name, e.creditCode] as const)]);
    for (const certificate of DEMO_CERTIFICATES) {
      expect(holders.has(certificate.holderName), certificate.holderName).toBe(true);
      expect(certificate.holderId).toBe(holders.get(certificate.holderName));
    }
  });

  it('keys fields by the fields of the type', () => {
    for (const certificate of DEMO_CERTIFICATES) {
      const keys = certificateType(certificate.typeCode)?.fields.map((field) => field.key) ?? [];
      for (const [key, value] of Object.entries(certificate.fields)) {
        expect(keys, `${certificate.typeCode}.${key}`).toContain(key);
        expect(value.length).toBeGreaterThan(0);
      }
    }
  });

  it('covers every type for persons and gives each enterprise a business licence', () => {
    const present = new Set(DEMO_CERTIFICATES.map((certificate) => certificate.typeCode));
    for (const type of CERTIFICATE_TYPES.filter((t) => t.holderKind === 'person')) expect(present, type.code).toContain(type.code);
    for (const enterprise of DEMO_ENTERPRISES) {
      expect(DEMO_CERTIFICATES.some((c) => c.holderId === enterprise.creditCode && c.typeCode === 'business-licence')).toBe(true);
    }
  });

  it('gives every demo person several certificates', () => {
    for (const person of PEOPLE) expect(DEMO_CERTIFICATES.filter((c) => c.holderId === person.idNumber).length, person.name).toBeGreaterThanOrEqual(4);
  });

  it('uses dates of the form YYYY-MM-DD', () => {
    for (const certificate of DEMO_CERTIFICATES) {
      expect(certificate.issuedOn).toMatch(DATE);
      if (certificate.validUntil !== 'long-term') {
        expect(certificate.validUntil).toMatch(DATE);
        expect(certificate.validUntil > certificate.issuedOn).toBe(true);
      }
    }
  });

  it('has exactly one certificate expired as of 2026-10-01', () => {
    const expired = DEMO_CERTIFICATES.filter((certificate) => !isCertificateValid(certificate, '2026-10-01'));
    expect(expired).toHaveLength(1);
  });

  it('has unique numbers, except that a driving licence carries its holder’s ID number', () => {
    const byNumber = new Map<string, string[]>();
    for (const certificate of DEMO_CERTIFICATES) byNumber.set(certificate.number, [...(byNumber.get(certificate.number) ?? []), certificate.typeCode]);
    for (const [number, types] of byNumber) {
      if (types.length === 1) continue;
      expect(types.sort(), number).toEqual(['driving-licence', 'resident-id']);
      expect(checkIdNumber(number).ok).toBe(true);
    }
    const keys = DEMO_CERTIFICATES.map((certificate) => `${certificate.typeCode} ${certificate.number}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('refers window uses to exactly one certificate each', () => {
    expect(DEMO_WINDOW_USES.length).toBeGreaterThanOrEqual(6);
    for (const use of DEMO_WINDOW_USES) {
      expect(DEMO_CERTIFICATES.filter((certificate) => certificate.number === use.certificateNumber), use.certificateNumber).toHaveLength(1);
      expect(use.daysAgo).toBeGreaterThanOrEqual(3);
      expect(use.daysAgo).toBeLessThanOrEqual(60);
    }
  });
});
