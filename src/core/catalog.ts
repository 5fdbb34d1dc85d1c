import type { CategoryHours } from './calendar/hours.ts';
import type { FormField } from './cases.ts';
import type { Localized } from './language.ts';

/**
 * The service catalog of a hall: service items with every field of the official service guide
 * (办事指南), and the queue categories that tickets are taken for.
 */

/** 行政许可, 行政确认, 行政给付, 公共服务, 其他行政权力 */
export type ItemType = 'administrative-licence' | 'administrative-confirmation' | 'administrative-payment' | 'public-service' | 'other-power';

/** 即办件 (decided on the spot) or 承诺件 (decided within a promised number of working days). */
export type HandlingType = 'instant' | 'promised';

export interface Material {
  name: string;
  /** 原件, 复印件, 原件及复印件, 电子 */
  form: 'original' | 'copy' | 'original-and-copy' | 'electronic';
  copies: number;
  required: boolean;
  /** The e-certificate type that can stand in for it (免提交), e.g. "居民户口簿". */
  certificateType?: string;
  /** 容缺受理: the item may be accepted without it, to be supplied later. */
  deferrable?: boolean;
  note?: string;
}

export interface ServiceItem {
  code: string;
  name: Localized;
  itemType: ItemType;
  handling: HandlingType;
  department: string;
  categoryCode: string;
  /** Life events (人生事件) the guide lists it under, e.g. "出生", "结婚", "开办企业". */
  lifeEvents: string[];
  conditions: string[];
  materials: Material[];
  statutoryLimitDays: number;
  promisedLimitDays: number;
  fee: string;
  place: string;
  hours: string;
  onlineUrl: string | null;
  consultPhone: string;
  complaintPhone: string;
  kioskSubmittable: boolean;
  /** 告知承诺: a signed commitment may replace some proofs. */
  commitmentAllowed: boolean;
  /** 容缺受理: accepted with minor materials missing, to be supplied by a deadline. */
  missingMaterialAllowed: boolean;
  /** Working days the applicant has to supply deferred materials (容缺). */
  missingMaterialDays?: number;
  /** The commitment the applicant signs under 告知承诺, shown in full before the signature. */
  commitmentText?: string;
  /** The application form the terminal asks for, field by field. */
  formFields?: FormField[];
  /** An instant-decision item decided by a rule at once (智能审批), e.g. printing a certificate of contributions. */
  automaticRule?: AutomaticRule;
  /**
   * Latin keys for search on the terminal's letter keyboard, made by the hall server from the
   * name (the pinyin library stays off the terminal); the first spells the name itself.
   */
  searchKeys?: SearchKey[];
}

/** One way of writing an item's name: its own, or one citizens use instead (户籍迁移 for 户口迁移). */
export interface SearchKey {
  text: string;
  /** Full pinyin without tones or spaces: "hujiqianyi". */
  pinyin: string;
  /** First letter of each syllable: "hjqy". */
  initials: string;
}

/** The rules the hall server can decide an instant-decision item with, without a clerk. */
export type AutomaticRule = 'social-insurance-payment-certificate' | 'enterprise-information-extract' | 'housing-fund-deposit-certificate';

export interface QueueCategory {
  code: string;
  /** The letter(s) in front of ticket numbers, e.g. "A" for A023. */
  prefix: string;
  name: Localized;
  dailyQuota: number;
  hours: CategoryHours;
  /** Window numbers that serve this category. */
  windows: number[];
}

export interface Catalog {
  categories: QueueCategory[];
  items: ServiceItem[];
}
