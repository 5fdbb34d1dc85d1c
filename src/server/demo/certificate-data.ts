import type { Certificate } from '../../core/certificates.ts';
import { creditCodeCheckChar } from '../../core/credit-code.ts';
import { DEMO_PEOPLE, type DemoPerson } from './people.ts';

/**
 * The certificate library (电子证照库) of the fictional demo hall: the e-certificates of the
 * DEMO_PEOPLE and of two fictional enterprises. Every number, address, school, hospital and
 * department is made up and belongs to the fictional 示例市 (area code 990101).
 */

/** A credit code of the fictional area 990101 with a correct GB 32100 check character. */
function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (first17.length !== 17 || check === null) throw new Error(`not the first 17 characters of a credit code: ${first17}`);
  return first17 + check;
}

/** Fictional enterprises, with unified social credit codes that pass GB 32100. */
export const DEMO_ENTERPRISES: { name: string; creditCode: string; representative: string }[] = [
  { name: '示例市样板科技有限公司', creditCode: creditCode('91990101MA0EX2024'), representative: DEMO_PEOPLE.late.name },
  { name: '示例市演示餐饮管理有限公司', creditCode: creditCode('91990101MA1DM7K3P'), representative: '钱样板' },
];

const [TECH, CATERING] = DEMO_ENTERPRISES as [(typeof DEMO_ENTERPRISES)[number], (typeof DEMO_ENTERPRISES)[number]];

const { elder, booked, early, late, citizen } = DEMO_PEOPLE;

type DemoCertificate = Omit<Certificate, 'id'>;

const holder = (person: DemoPerson) => ({ holderName: person.name, holderId: person.idNumber });
const gender = (person: DemoPerson) => (person.gender === 'male' ? '男' : '女');

// Addresses, all in the fictional 示例市.
const HOME_ELDER = '示例市示范区样板路88号3栋2单元501室';
const HOME_WU_ZHOU = '示例市演示区示例大道188号5栋1单元1203室';
const HOME_ZHENG = '示例市测试区虚构街16号7栋302室';
const HOME_WANG = '示例市示范区样例南路26号2栋1单元802室';

const POLICE_SHIFAN = '示例市公安局示范分局';
const POLICE_YANSHI = '示例市公安局演示分局';
const POLICE_CESHI = '示例市公安局测试分局';
const STATION_YANGBAN = '示例市公安局样板路派出所';
const STATION_SHILI = '示例市公安局示例大道派出所';
const STATION_XUGOU = '示例市公安局虚构街派出所';
const MARRIAGE_REGISTRY = '示例市民政局婚姻登记处';
const LAND = '示例市自然资源和规划局';
const TRAFFIC = '示例市公安局交通警察支队';
const HRSS = '示例市人力资源和社会保障局';
const MARKET = '示例市市场监督管理局';

const residentId = (person: DemoPerson, issuer: string, issuedOn: string, validUntil: string, address: string): DemoCertificate => ({
  typeCode: 'resident-id',
  number: person.idNumber,
  ...holder(person),
  issuer,
  issuedOn,
  validUntil,
  fields: { gender: gender(person), nation: '汉', birthDate: person.birthDate, address },
});

/** The driving licence number is the holder's ID number. */
const drivingLicence = (person: DemoPerson, issuedOn: string, validUntil: string, vehicleClass: string, firstIssuedOn: string, fileNumber: string): DemoCertificate => ({
  typeCode: 'driving-licence',
  number: person.idNumber,
  ...holder(person),
  issuer: TRAFFIC,
  issuedOn,
  validUntil,
  fields: { vehicleClass, firstIssuedOn, fileNumber },
});

const socialSecurityCard = (person: DemoPerson, cardNumber: string, issuedOn: string, validUntil: string, bank: string, insurance: string): DemoCertificate => ({
  typeCode: 'social-security-card',
  number: cardNumber,
  ...holder(person),
  issuer: HRSS,
  issuedOn,
  validUntil,
  fields: { cardNumber, bank, insurance },
});

/** Each member's page of a household register; the pages share the 户号 and differ in the page number. */
const householdPage = (
  person: DemoPerson,
  householdNumber: string,
  page: number,
  issuer: string,
  issuedOn: string,
  fields: { householder: string; relation: string; address: string; registeredOn: string },
): DemoCertificate => ({
  typeCode: 'household-register',
  number: `示户字第${householdNumber}号-${String(page).padStart(2, '0')}`,
  ...holder(person),
  issuer,
  issuedOn,
  validUntil: 'long-term',
  fields: { householdType: '家庭户', ...fields },
});

export const DEMO_CERTIFICATES: DemoCertificate[] = [
  // ---------------------------------------------------------------------------------------------
  // 林示范 (elder): householder, married, two properties, a retiree's card, an expired licence
  // ---------------------------------------------------------------------------------------------
  residentId(elder, POLICE_SHIFAN, '2012-09-18', 'long-term', HOME_ELDER),
  householdPage(elder, '0012345', 1, STATION_YANGBAN, '2012-05-10', { householder: elder.name, relation: '户主', address: HOME_ELDER, registeredOn: '1983-04-12' }),
  {
    typeCode: 'marriage',
    number: 'J990101-1974-000052',
    ...holder(elder),
    issuer: '示例县民政局',
    issuedOn: '1974-05-01',
    validUntil: 'long-term',
    fields: { spouse: '陈示婉', registeredOn: '1974-05-01', registry: '示例县民政局' },
  },
  {
    typeCode: 'real-estate',
    number: '示(2019)示例市不动产权第0001234号',
    ...holder(elder),
    issuer: LAND,
    issuedOn: '2019-11-06',
    validUntil: 'long-term',
    fields: {
      location: HOME_ELDER,
      unitNumber: '990101003001GB00123F00030501',
      ownership: '共同共有（林示范、陈示婉）',
      use: '城镇住宅用地/住宅',
      area: '89.56平方米',
      rightType: '国有建设用地使用权/房屋所有权',
    },
  },
  {
    typeCode: 'real-estate',
    number: '示(2021)示例市不动产权第0003087号',
    ...holder(elder),
    issuer: LAND,
    issuedOn: '2021-04-22',
    validUntil: 'long-term',
    fields: {
      location: '示例市示范区样板路88号地下车库B1-046号车位',
      unitNumber: '990101003001GB00123F00990046',
      ownership: '单独所有',
      use: '城镇住宅用地/车位',
      area: '12.50平方米',
      rightType: '国有建设用地使用权/房屋所有权',
    },
  },
  // The one expired certificate of the demo: the licence lapsed and was not renewed.
  drivingLicence(elder, '2015-06-30', '2025-06-30', 'C1', '1995-06-30', '990100012345'),
  socialSecurityCard(elder, 'C99000001', '2019-03-01', '2029-03-01', '示例银行示例市分行', '职工基本养老保险（退休）、职工基本医疗保险（退休）'),

  // ---------------------------------------------------------------------------------------------
  // 周样例 (booked): married to 吴演示, one child, co-owns their home, graduate of 示例大学
  // ---------------------------------------------------------------------------------------------
  residentId(booked, POLICE_YANSHI, '2021-03-15', '2041-03-15', HOME_WU_ZHOU),
  householdPage(booked, '0023456', 2, STATION_SHILI, '2020-09-02', { householder: early.name, relation: '妻', address: HOME_WU_ZHOU, registeredOn: '2020-09-02' }),
  // The library keeps each spouse's copy of a marriage certificate under its own number.
  {
    typeCode: 'marriage',
    number: 'J990101-2017-000318',
    ...holder(booked),
    issuer: MARRIAGE_REGISTRY,
    issuedOn: '2017-05-20',
    validUntil: 'long-term',
    fields: { spouse: early.name, registeredOn: '2017-05-20', registry: MARRIAGE_REGISTRY },
  },
  {
    typeCode: 'real-estate',
    number: '示(2020)示例市不动产权第0002468号',
    ...holder(booked),
    issuer: LAND,
    issuedOn: '2020-08-17',
    validUntil: 'long-term',
    fields: {
      location: HOME_WU_ZHOU,
      unitNumber: '990101005002GB00456F00051203',
      ownership: `共同共有（${booked.name}、${early.name}）`,
      use: '城镇住宅用地/住宅',
      area: '112.30平方米',
      rightType: '国有建设用地使用权/房屋所有权',
    },
  },
  drivingLicence(booked, '2018-09-05', '2028-09-05', 'C1', '2012-09-05', '990100023456'),
  socialSecurityCard(booked, 'C99000002', '2020-06-12', '2030-06-12', '示例银行示例市分行', '职工基本养老保险、职工基本医疗保险、失业保险、工伤保险、生育保险'),
  {
    typeCode: 'academic-degree',
    number: '999011200805001234',
    ...holder(booked),
    issuer: '示例大学',
    issuedOn: '2008-06-30',
    validUntil: 'long-term',
    fields: { school: '示例大学', major: '会计学', level: '本科', graduatedOn: '2008-06-30' },
  },
  {
    typeCode: 'birth-certificate',
    number: 'Q990012345',
    ...holder(booked),
    issuer: '示例市妇幼保健院',
    issuedOn: '2018-09-26',
    validUntil: 'long-term',
    fields: { child: '吴小样', bornOn: '2018-09-23', birthplace: '示例市演示区示例市妇幼保健院', mother: booked.name, father: early.name },
  },

  // ---------------------------------------------------------------------------------------------
  // 吴演示 (early): householder, married to 周样例, a master's degree
  // ---------------------------------------------------------------------------------------------
  residentId(early, POLICE_YANSHI, '2019-05-10', '2039-05-10', HOME_WU_ZHOU),
  householdPage(early, '0023456', 1, STATION_SHILI, '2020-09-02', { householder: early.name, relation: '户主', address: HOME_WU_ZHOU, registeredOn: '2020-09-02' }),
  {
    typeCode: 'marriage',
    number: 'J990101-2017-000319',
    ...holder(early),
    issuer: MARRIAGE_REGISTRY,
    issuedOn: '2017-05-20',
    validUntil: 'long-term',
    fields: { spouse: booked.name, registeredOn: '2017-05-20', registry: MARRIAGE_REGISTRY },
  },
  drivingLicence(early, '2020-07-21', '2030-07-21', 'C1', '2014-07-21', '990100034567'),
  {
    typeCode: 'academic-degree',
    number: '999011201702000567',
    ...holder(early),
    issuer: '示例大学',
    issuedOn: '2017-06-28',
    validUntil: 'long-term',
    fields: { school: '示例大学', major: '计算机科学与技术', level: '硕士研究生', graduatedOn: '2017-06-28' },
  },

  // ---------------------------------------------------------------------------------------------
  // 郑测试 (late): householder of her own household, a home, a college diploma
  // ---------------------------------------------------------------------------------------------
  residentId(late, POLICE_CESHI, '2025-02-14', 'long-term', HOME_ZHENG),
  householdPage(late, '0034567', 1, STATION_XUGOU, '2016-11-03', { householder: late.name, relation: '户主', address: HOME_ZHENG, registeredOn: '2016-11-03' }),
  {
    typeCode: 'real-estate',
    number: '示(2016)示例市不动产权第0000789号',
    ...holder(late),
    issuer: LAND,
    issuedOn: '2016-10-25',
    validUntil: 'long-term',
    fields: {
      location: HOME_ZHENG,
      unitNumber: '990101007003GB00789F00070302',
      ownership: '单独所有',
      use: '城镇住宅用地/住宅',
      area: '76.48平方米',
      rightType: '国有建设用地使用权/房屋所有权',
    },
  },
  socialSecurityCard(late, 'C99000003', '2021-10-08', '2031-10-08', '示例农村商业银行', '职工基本养老保险、职工基本医疗保险、失业保险、工伤保险、生育保险'),
  {
    typeCode: 'academic-degree',
    number: '999021200006000321',
    ...holder(late),
    issuer: '示例职业技术学院',
    issuedOn: '2000-07-01',
    validUntil: 'long-term',
    fields: { school: '示例职业技术学院', major: '市场营销', level: '专科', graduatedOn: '2000-07-01' },
  },

  // ---------------------------------------------------------------------------------------------
  // 王虚构 (citizen): a member of 林示范's household, newly married, a first home
  // ---------------------------------------------------------------------------------------------
  residentId(citizen, POLICE_SHIFAN, '2019-08-02', '2029-08-02', HOME_ELDER),
  householdPage(citizen, '0012345', 3, STATION_YANGBAN, '2012-05-10', { householder: elder.name, relation: '外孙', address: HOME_ELDER, registeredOn: '2001-07-20' }),
  {
    typeCode: 'marriage',
    number: 'J990101-2025-001207',
    ...holder(citizen),
    issuer: MARRIAGE_REGISTRY,
    issuedOn: '2025-05-20',
    validUntil: 'long-term',
    fields: { spouse: '李样本', registeredOn: '2025-05-20', registry: MARRIAGE_REGISTRY },
  },
  {
    typeCode: 'real-estate',
    number: '示(2025)示例市不动产权第0004521号',
    ...holder(citizen),
    issuer: LAND,
    issuedOn: '2025-09-12',
    validUntil: 'long-term',
    fields: {
      location: HOME_WANG,
      unitNumber: '990101003008GB00212F00020802',
      ownership: `按份共有（${citizen.name}50%、李样本50%）`,
      use: '城镇住宅用地/住宅',
      area: '56.80平方米',
      rightType: '国有建设用地使用权/房屋所有权',
    },
  },
  drivingLicence(citizen, '2021-08-20', '2027-08-20', 'C1', '2021-08-20', '990100045678'),
  socialSecurityCard(citizen, 'C99000004', '2023-07-15', '2033-07-15', '示例银行示例市分行', '职工基本养老保险、职工基本医疗保险、失业保险、工伤保险、生育保险'),
  {
    typeCode: 'academic-degree',
    number: '999011202305004321',
    ...holder(citizen),
    issuer: '示例大学',
    issuedOn: '2023-06-30',
    validUntil: 'long-term',
    fields: { school: '示例大学', major: '软件工程', level: '本科', graduatedOn: '2023-06-30' },
  },

  // ---------------------------------------------------------------------------------------------
  // Enterprises: the business licence's number is the credit code
  // ---------------------------------------------------------------------------------------------
  {
    typeCode: 'business-licence',
    number: TECH.creditCode,
    holderName: TECH.name,
    holderId: TECH.creditCode,
    issuer: MARKET,
    issuedOn: '2024-03-18',
    validUntil: 'long-term',
    fields: {
      entityType: '有限责任公司（自然人投资或控股）',
      representative: TECH.representative,
      capital: '伍佰万元整',
      establishedOn: '2016-05-09',
      domicile: '示例市演示区样板科技园3号楼1102室',
      scope:
        '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；信息技术咨询服务；' +
        '数据处理和存储支持服务；计算机系统服务；网络技术服务；物联网技术服务；人工智能应用软件开发；智能控制系统集成；' +
        '计算机软硬件及辅助设备批发；计算机软硬件及辅助设备零售；电子产品销售；办公设备销售；通讯设备销售；安全技术防范系统设计施工服务；' +
        '会议及展览服务；广告设计、代理；企业管理咨询。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）' +
        '许可项目：第二类增值电信业务。（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）',
    },
  },
  {
    typeCode: 'business-licence',
    number: CATERING.creditCode,
    holderName: CATERING.name,
    holderId: CATERING.creditCode,
    issuer: MARKET,
    issuedOn: '2022-11-30',
    validUntil: 'long-term',
    fields: {
      entityType: '有限责任公司（自然人独资）',
      representative: CATERING.representative,
      capital: '壹佰万元整',
      establishedOn: '2022-11-30',
      domicile: '示例市示范区样例南路26号1层101室',
      scope: '许可项目：餐饮服务；食品销售。一般项目：餐饮管理；外卖递送服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动）',
    },
  },
];

/** Uses of certificates at windows and by departments before the demo starts, so a citizen's usage log (用证记录) is not empty. */
export const DEMO_WINDOW_USES: { certificateNumber: string; daysAgo: number; user: string; purpose: string }[] = [
  { certificateNumber: '示(2019)示例市不动产权第0001234号', daysAgo: 12, user: '示例市不动产登记中心 10号窗口', purpose: '不动产抵押权首次登记' },
  { certificateNumber: 'J990101-2017-000318', daysAgo: 26, user: '示例市住房公积金管理中心 15号窗口', purpose: '住房公积金提取' },
  { certificateNumber: '999011200805001234', daysAgo: 41, user: '示例市人力资源和社会保障局 7号窗口', purpose: '人才引进落户' },
  { certificateNumber: '示(2025)示例市不动产权第0004521号', daysAgo: 55, user: '示例市税务局 14号窗口', purpose: '契税申报' },
  { certificateNumber: 'C99000004', daysAgo: 5, user: '示例市医疗保障局 8号窗口', purpose: '医保参保凭证打印' },
  { certificateNumber: 'C99000001', daysAgo: 33, user: '示例市人力资源和社会保障局 6号窗口', purpose: '基本养老保险待遇申领' },
  { certificateNumber: TECH.creditCode, daysAgo: 18, user: '示例市市场监督管理局 12号窗口', purpose: '企业信息变更登记' },
];
