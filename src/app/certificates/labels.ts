import type { CertificateSummary } from '../../core/certificate-wire.ts';
import { certificateType } from '../../core/certificates.ts';
import { localized, t } from '../i18n/index.ts';

/** The type's name in the citizen's language; the code itself for a type this terminal does not know. */
export const typeName = (typeCode: string) => {
  const type = certificateType(typeCode);
  return type ? localized(type.name) : typeCode;
};

export const validityText = (certificate: Pick<CertificateSummary, 'validUntil'>) =>
  certificate.validUntil === 'long-term' ? t('certificates.longTerm') : certificate.validUntil;
