/**
 * Electronic certificates (电子证照) as the terminal and the hall server know them: the types a
 * hall can retrieve, each with its fields in the order of the paper original, the certificate
 * itself, and the purposes a citizen may retrieve them for (免证办: the service items whose
 * materials an e-certificate stands in for, or viewing one's own).
 */
import type { LocalDate } from './calendar/local-date.ts';
import type { ServiceItem } from './catalog.ts';
import { maskIdNumber } from './id-number.ts';
import type { Language, Localized } from './language.ts';

export type HolderKind = 'person' | 'enterprise';

export interface CertificateField {
  key: string;
  label: Localized;
}

export interface CertificateType {
  code: string;
  /** The name the service guides use for the material, e.g. 居民户口簿. */
  name: Localized;
  holderKind: HolderKind;
  fields: CertificateField[];
}

const field = (key: string, zhCN: string, zhTW: string, en: string): CertificateField => ({ key, label: { 'zh-CN': zhCN, 'zh-TW': zhTW, en } });
const names = (zhCN: string, zhTW: string, en: string): Localized => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

export const CERTIFICATE_TYPES: readonly CertificateType[] = [
  {
    code: 'resident-id',
    name: names('居民身份证', '居民身份證', 'Resident ID card'),
    holderKind: 'person',
    fields: [field('gender', '性别', '性別', 'Gender'), field('nation', '民族', '民族', 'Ethnicity'), field('birthDate', '出生日期', '出生日期', 'Date of birth'), field('address', '住址', '住址', 'Address')],
  },
  {
    code: 'household-register',
    name: names('居民户口簿', '居民戶口簿', 'Household register'),
    holderKind: 'person',
    fields: [
      field('householdType', '户别', '戶別', 'Household type'),
      field('householder', '户主姓名', '戶主姓名', 'Head of household'),
      field('relation', '与户主关系', '與戶主關係', 'Relation to head'),
      field('address', '住址', '住址', 'Address'),
      field('registeredOn', '登记日期', '登記日期', 'Registered on'),
    ],
  },
  {
    code: 'marriage',
    name: names('结婚证', '結婚證', 'Marriage certificate'),
    holderKind: 'person',
    fields: [field('spouse', '配偶姓名', '配偶姓名', 'Spouse'), field('registeredOn', '登记日期', '登記日期', 'Registered on'), field('registry', '登记机关', '登記機關', 'Registry')],
  },
  {
    code: 'real-estate',
    name: names('不动产权证书', '不動產權證書', 'Real estate title certificate'),
    holderKind: 'person',
    fields: [
      field('location', '坐落', '坐落', 'Location'),
      field('unitNumber', '不动产单元号', '不動產單元號', 'Property unit number'),
      field('ownership', '共有情况', '共有情況', 'Co-ownership'),
      field('use', '用途', '用途', 'Use'),
      field('area', '面积', '面積', 'Area'),
      field('rightType', '权利类型', '權利類型', 'Type of right'),
    ],
  },
  {
    code: 'business-licence',
    name: names('营业执照', '營業執照', 'Business licence'),
    holderKind: 'enterprise',
    fields: [
      field('entityType', '类型', '類型', 'Entity type'),
      field('representative', '法定代表人', '法定代表人', 'Legal representative'),
      field('capital', '注册资本', '註冊資本', 'Registered capital'),
      field('establishedOn', '成立日期', '成立日期', 'Established on'),
      field('domicile', '住所', '住所', 'Domicile'),
      field('scope', '经营范围', '經營範圍', 'Business scope'),
    ],
  },
  {
    code: 'driving-licence',
    name: names('机动车驾驶证', '機動車駕駛證', 'Driving licence'),
    holderKind: 'person',
    fields: [field('vehicleClass', '准驾车型', '準駕車型', 'Vehicle class'), field('firstIssuedOn', '初次领证日期', '初次領證日期', 'First issued on'), field('fileNumber', '档案编号', '檔案編號', 'File number')],
  },
  {
    code: 'social-security-card',
    name: names('社会保障卡', '社會保障卡', 'Social security card'),
    holderKind: 'person',
    fields: [field('cardNumber', '卡号', '卡號', 'Card number'), field('bank', '服务银行', '服務銀行', 'Bank'), field('insurance', '参保类型', '參保類型', 'Insurance')],
  },
  {
    code: 'academic-degree',
    name: names('学历证书', '學歷證書', 'Academic certificate'),
    holderKind: 'person',
    fields: [field('school', '学校', '學校', 'School'), field('major', '专业', '專業', 'Major'), field('level', '层次', '層次', 'Level'), field('graduatedOn', '毕业日期', '畢業日期', 'Graduated on')],
  },
  {
    code: 'birth-certificate',
    name: names('出生医学证明', '出生醫學證明', 'Birth certificate'),
    holderKind: 'person',
    fields: [
      field('child', '新生儿姓名', '新生兒姓名', 'Child'),
      field('bornOn', '出生日期', '出生日期', 'Date of birth'),
      field('birthplace', '出生地点', '出生地點', 'Place of birth'),
      field('mother', '母亲姓名', '母親姓名', 'Mother'),
      field('father', '父亲姓名', '父親姓名', 'Father'),
    ],
  },
];

const BY_CODE = new Map(CERTIFICATE_TYPES.map((type) => [type.code, type]));
const BY_NAME = new Map(CERTIFICATE_TYPES.map((type) => [type.name['zh-CN'], type]));

export function certificateType(code: string): CertificateType | undefined {
  return BY_CODE.get(code);
}

/** The type a service guide's material names (`certificateType: '居民户口簿'`). */
export function certificateTypeNamed(name: string): CertificateType | undefined {
  return BY_NAME.get(name);
}

export type ValidUntil = LocalDate | 'long-term';

/** One electronic certificate as the certificate library holds it. */
export interface Certificate {
  id: string;
  typeCode: string;
  /** 证照编号 */
  number: string;
  holderName: string;
  /** Resident ID number of a person, or unified social credit code of an enterprise. */
  holderId: string;
  issuer: string;
  issuedOn: LocalDate;
  validUntil: ValidUntil;
  /** Values by field key of the type; a field the certificate does not have is absent. */
  fields: Record<string, string>;
}

export function isCertificateValid(certificate: Pick<Certificate, 'validUntil'>, today: LocalDate): boolean {
  return certificate.validUntil === 'long-term' || certificate.validUntil >= today;
}

/** The holder's number as screen and paper show it: 9901**********0139. */
export const maskHolderId = (holderId: string): string => maskIdNumber(holderId);

/**
 * Why certificates are retrieved. Every retrieval names one: a service item that accepts
 * e-certificates as materials, or the holder viewing their own.
 */
export type Purpose = { kind: 'item'; itemCode: string } | { kind: 'own-view' };

export interface PurposeChoice {
  purpose: Purpose;
  name: Localized;
  /** The certificate types the purpose may retrieve. */
  typeCodes: string[];
}

export const OWN_VIEW_NAME = names('查看本人证照', '查看本人證照', 'View my own certificates');

/** The identity card itself is in the citizen's hand: an item needing only that is no purpose for retrieval. */
const IN_HAND = 'resident-id';

/** The certificate types a service item accepts as electronic materials (免提交). */
export function itemCertificateTypes(item: Pick<ServiceItem, 'materials'>): string[] {
  const codes = item.materials.flatMap((material) => {
    const type = material.certificateType ? certificateTypeNamed(material.certificateType) : undefined;
    return type ? [type.code] : [];
  });
  return [...new Set(codes)];
}

/** The certificate types of `holderKind` an item's materials take, but the ID card in the citizen's hand. */
export function itemPurposeTypes(item: Pick<ServiceItem, 'materials'>, holderKind: HolderKind): string[] {
  return itemCertificateTypes(item).filter((code) => code !== IN_HAND && certificateType(code)?.holderKind === holderKind);
}

/** Viewing one's own: every type a holder of this kind can have. */
export function ownViewTypes(holderKind: HolderKind): string[] {
  return CERTIFICATE_TYPES.filter((type) => type.holderKind === holderKind).map((type) => type.code);
}

/**
 * What a holder of `holderKind` may retrieve certificates for: every service item that accepts
 * one of their kind of certificates other than the ID card, then viewing their own.
 */
export function purposeChoices(items: readonly ServiceItem[], holderKind: HolderKind): PurposeChoice[] {
  const choices: PurposeChoice[] = [];
  for (const item of items) {
    const typeCodes = itemPurposeTypes(item, holderKind);
    if (typeCodes.length > 0) choices.push({ purpose: { kind: 'item', itemCode: item.code }, name: item.name, typeCodes });
  }
  choices.push({ purpose: { kind: 'own-view' }, name: OWN_VIEW_NAME, typeCodes: ownViewTypes(holderKind) });
  return choices;
}

/** The watermark on every copy: 仅供办理<purpose>使用, or 仅供本人查阅使用 for one's own view. */
export function copyWatermark(purpose: Purpose, purposeName: Localized, language: Language = 'zh-CN'): string {
  if (purpose.kind === 'own-view') return { 'zh-CN': '仅供本人查阅使用', 'zh-TW': '僅供本人查閱使用', en: 'For the holder’s own reference only' }[language];
  const name = purposeName[language];
  return { 'zh-CN': `仅供办理${name}使用`, 'zh-TW': `僅供辦理${name}使用`, en: `Only for: ${name}` }[language];
}

/**
 * A certificate's text with the holder's number masked wherever it appears (a driving licence's
 * number is the ID number): screen and paper never show a whole one.
 */
export function maskHolderIdIn(text: string, holderId: string): string {
  return holderId.length > 8 ? text.split(holderId).join(maskHolderId(holderId)) : text;
}
