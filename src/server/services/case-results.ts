/**
 * The automatic rules (智能审批) of instant-decision items: the hall server decides the case at
 * once and writes the result document the terminal prints. The demo hall has no social
 * insurance or housing fund system behind it, so the figures are fictional, derived from the
 * applicant's holder hash: the same citizen gets the same certificate every time, and no two
 * citizens the same one. The enterprise extract is read from the enterprise's business licence
 * in the certificate library.
 */
import { addDays, type LocalDate } from '../../core/calendar/local-date.ts';
import type { AutomaticRule } from '../../core/catalog.ts';
import type { CaseDecision, CaseView } from '../../core/cases.ts';
import type { Certificate, HolderKind } from '../../core/certificates.ts';
import type { Localized } from '../../core/language.ts';

export interface RuleInput {
  caseNumber: string;
  applicantKind: HolderKind;
  /** Name and number masked, as on every paper the terminal prints. */
  applicantMasked: { name: string; id: string };
  holderHash: string;
  formValues: Record<string, string>;
  /** The China day of the decision. */
  today: LocalDate;
  /** The certificates attached to the case, by type code. */
  certificates: ReadonlyMap<string, Omit<Certificate, 'id'>>;
}

export interface RuleOutcome {
  decision: CaseDecision;
  /** Why a rule refused, for the timeline. */
  note: string | null;
  result: CaseView['result'];
}

const names = (zhCN: string, zhTW: string, en: string): Localized => ({ 'zh-CN': zhCN, 'zh-TW': zhTW, en });

/** A number from the holder hash, in [0, modulo): stands in for the records a real hall would look up. */
const figure = (hash: string, offset: number, modulo: number) => Number.parseInt(hash.slice(offset, offset + 8), 16) % modulo;

/** Full-width space between the parts of a line, as Chinese certificates set them. */
const GAP = '\u3000';

/**
 * One formatter for every amount: `toLocaleString` with options builds a new Intl.NumberFormat on
 * each call (~25 µs), and a contribution certificate formats 24 amounts, which was a third of the
 * hall's CPU per smart-approval case.
 */
const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const yuan = (amount: number) => YUAN.format(amount);

const EMPLOYERS = ['示例市样板科技有限公司', '示例市演示餐饮管理有限公司', '示例市虚构物流有限公司', '示例市样例建设工程有限公司', '示例市示范教育咨询有限公司'];

/** The `count` whole months before the month of `today`, oldest first, as "YYYY-MM". */
function monthsBefore(today: LocalDate, count: number): string[] {
  const months: string[] = [];
  let cursor = addDays(`${today.slice(0, 7)}-01`, -1);
  for (let i = 0; i < count; i++) {
    months.unshift(cursor.slice(0, 7));
    cursor = addDays(`${cursor.slice(0, 7)}-01`, -1);
  }
  return months;
}

const refused = (note: string): RuleOutcome => ({ decision: 'refused', note, result: null });

function socialInsuranceCertificate(input: RuleInput): RuleOutcome {
  if (input.applicantKind !== 'person') return refused('参保缴费证明仅限参保个人申请');
  const period = Number(input.formValues.period ?? '12');
  const months = monthsBefore(input.today, [6, 12, 24].includes(period) ? period : 12);
  const baseOf = (month: string) => 4200 + figure(input.holderHash, 0, 60) * 100 + (Number(month.slice(0, 4)) - 2024) * 300;
  // Pension 8 %, medical 2 %, unemployment 0.5 % of the contribution base: the employee's share.
  const personal = (base: number) => Math.round(base * 0.105 * 100) / 100;
  return {
    decision: 'approved',
    note: null,
    result: {
      title: names('社会保险参保缴费证明', '社會保險參保繳費證明', 'Social insurance contribution certificate'),
      lines: [
        `证明编号：${input.caseNumber}`,
        `参保人：${input.applicantMasked.name}${GAP}证件号码：${input.applicantMasked.id}`,
        `参保单位：${EMPLOYERS[figure(input.holderHash, 8, EMPLOYERS.length)]!}`,
        '参保险种：职工基本养老保险、职工基本医疗保险、失业保险',
        `累计缴费月数：${60 + figure(input.holderHash, 16, 180)}个月`,
        `缴费明细（近${months.length}个月，单位：元）：`,
        ...months.map((month) => `${month}${GAP}缴费基数 ${yuan(baseOf(month))}${GAP}个人缴费 ${yuan(personal(baseOf(month)))}${GAP}已实缴`),
        '本证明由示例市社会保险经办机构系统智能审批出具。',
      ],
    },
  };
}

function housingFundCertificate(input: RuleInput): RuleOutcome {
  if (input.applicantKind !== 'person') return refused('缴存证明仅限缴存职工本人申请');
  const base = 5000 + figure(input.holderHash, 24, 70) * 100;
  const monthly = Math.round(base * 0.12) * 2;
  const openedYear = 2008 + figure(input.holderHash, 32, 15);
  const openedMonth = String(1 + figure(input.holderHash, 40, 12)).padStart(2, '0');
  const lastMonth = monthsBefore(input.today, 1)[0]!;
  return {
    decision: 'approved',
    note: null,
    result: {
      title: names('住房公积金缴存证明', '住房公積金繳存證明', 'Housing provident fund deposit certificate'),
      lines: [
        `证明编号：${input.caseNumber}`,
        `职工姓名：${input.applicantMasked.name}${GAP}证件号码：${input.applicantMasked.id}`,
        `缴存单位：${EMPLOYERS[figure(input.holderHash, 48, EMPLOYERS.length)]!}`,
        `开户日期：${openedYear}-${openedMonth}`,
        `缴存基数：${yuan(base)}元${GAP}缴存比例：单位12%、个人12%`,
        `月缴存额：${yuan(monthly)}元`,
        `缴至年月：${lastMonth}${GAP}账户状态：正常缴存`,
        '本证明自出具之日起30日内有效，由示例市住房公积金管理中心系统智能审批出具。',
      ],
    },
  };
}

function enterpriseExtract(input: RuleInput): RuleOutcome {
  const licence = input.certificates.get('business-licence');
  if (input.applicantKind !== 'enterprise' || !licence) return refused('企业档案摘要须以企业身份申请，并有本企业的电子营业执照');
  const field = (key: string) => licence.fields[key] ?? '—';
  return {
    decision: 'approved',
    note: null,
    result: {
      title: names('企业登记信息摘要', '企業登記信息摘要', 'Company registration extract'),
      lines: [
        `摘要编号：${input.caseNumber}`,
        `企业名称：${licence.holderName}`,
        `统一社会信用代码：${licence.number}`,
        `类型：${field('entityType')}`,
        `法定代表人：${field('representative')}`,
        `注册资本：${field('capital')}`,
        `成立日期：${field('establishedOn')}`,
        `住所：${field('domicile')}`,
        `经营范围：${field('scope')}`,
        `登记机关：${licence.issuer}`,
        '登记状态：存续（在营、开业、在册）',
        `打印日期：${input.today}（系统智能审批出具）`,
      ],
    },
  };
}

const RULES: Record<AutomaticRule, (input: RuleInput) => RuleOutcome> = {
  'social-insurance-payment-certificate': socialInsuranceCertificate,
  'housing-fund-deposit-certificate': housingFundCertificate,
  'enterprise-information-extract': enterpriseExtract,
};

export function decideByRule(rule: AutomaticRule, input: RuleInput): RuleOutcome {
  return RULES[rule](input);
}
