import { describe, expect, it } from 'vitest';
import type { SearchKey, ServiceItem } from './catalog.ts';
import { itemsByDepartment, itemsByLifeEvent, normalizeQuery, searchGuide } from './guide-search.ts';

const key = (text: string, pinyin: string, initials: string): SearchKey => ({ text, pinyin, initials });

function item(code: string, zh: string, en: string, extra: Partial<ServiceItem> = {}): ServiceItem {
  return {
    code,
    name: { 'zh-CN': zh, 'zh-TW': zh, en },
    itemType: 'administrative-confirmation',
    handling: 'promised',
    department: '示例市公安局',
    categoryCode: 'household',
    lifeEvents: [],
    conditions: [],
    materials: [],
    statutoryLimitDays: 10,
    promisedLimitDays: 3,
    fee: '不收费',
    place: '一楼A区',
    hours: '周一至周五',
    onlineUrl: null,
    consultPhone: '0000-1',
    complaintPhone: '0000-12345',
    kioskSubmittable: false,
    commitmentAllowed: false,
    missingMaterialAllowed: false,
    ...extra,
  };
}

const transfer = item('household-transfer', '户口迁移（市内）', 'Household Registration Transfer (within the City)', {
  name: { 'zh-CN': '户口迁移（市内）', 'zh-TW': '戶口遷移（市內）', en: 'Household Registration Transfer (within the City)' },
  lifeEvents: ['购房', '结婚'],
  searchKeys: [key('户口迁移（市内）', 'hukouqianyishinei', 'hkqysn'), key('户籍迁移（市内）', 'hujiqianyishinei', 'hjqysn')],
});
const realEstateQuery = item('real-estate-query', '不动产登记信息查询', 'Real Estate Registration Information Enquiry', {
  department: '示例市不动产登记中心',
  lifeEvents: ['购房'],
  searchKeys: [key('不动产登记信息查询', 'budongchandengjixinxichaxun', 'bdcdjxxcx'), key('房产登记信息查询', 'fangchandengjixinxichaxun', 'fcdjxxcx')],
});
const replacement = item('title-replacement', '不动产权证书遗失补证', 'Replacement of a Lost Real Estate Title Certificate', {
  department: '示例市不动产登记中心',
  lifeEvents: ['购房'],
  searchKeys: [key('不动产权证书遗失补证', 'budongchanquanzhengshuyishibuzheng', 'bdcqzsysbz'), key('房产证遗失补证', 'fangchanzhengyishibuzheng', 'fczysbz')],
});
const newborn = item('newborn', '新生儿出生登记', 'Birth Registration of a Newborn', {
  lifeEvents: ['出生'],
  searchKeys: [key('新生儿出生登记', 'xinshengerchushengdengji', 'xsecsdj')],
});
const settlement = item('talent', '人才引进落户', 'Household Registration for Recruited Talent', {
  lifeEvents: ['就业', '购房'],
  searchKeys: [key('人才引进落户', 'rencaiyinjinluohu', 'rcyjlh')],
});
const invoice = item('invoice', '发票领用', 'Invoice Collection', {
  department: '示例市税务局',
  lifeEvents: ['开办企业'],
  searchKeys: [key('发票领用', 'fapiaolingyong', 'fply')],
});
const CATALOG = [transfer, realEstateQuery, replacement, newborn, settlement, invoice];

const codes = (query: string) => searchGuide(CATALOG, query).map((hit) => hit.item.code);
const ranks = (query: string) => searchGuide(CATALOG, query).map((hit) => `${hit.item.code}:${hit.rank}`);

describe('service guide search', () => {
  it('finds the household transfer by the initials of what citizens call it (hjqy → 户籍迁移)', () => {
    expect(codes('hjqy')).toEqual(['household-transfer']);
    expect(codes('hkqy')).toEqual(['household-transfer']);
  });

  it('finds every real estate item by "bdc", in catalog order', () => {
    expect(ranks('bdc')).toEqual(['real-estate-query:initials-prefix', 'title-replacement:initials-prefix']);
  });

  it('ignores case and full-width letters from a physical keyboard', () => {
    expect(codes('HJQY')).toEqual(['household-transfer']);
    expect(codes('ＢＤＣ')).toEqual(['real-estate-query', 'title-replacement']);
    expect(normalizeQuery(' Hu Kou ')).toBe('hukou');
  });

  it('matches Chinese text anywhere in a name, in simplified or traditional characters, or in a spoken name', () => {
    expect(codes('迁移')).toEqual(['household-transfer']);
    expect(codes('戶口遷移')).toEqual(['household-transfer']);
    expect(codes('户籍')).toEqual(['household-transfer']);
    expect(codes('房产证')).toEqual(['title-replacement']);
  });

  it('ranks the exact name above a name prefix, above initials, above text inside a name', () => {
    const catalog = [
      item('inside', '居民户口簿补领', 'x', { searchKeys: [key('居民户口簿补领', 'jumin', 'jmhkbbl')] }),
      item('initials', '户口登记', 'y', { searchKeys: [key('户口登记', 'hukoudengji', 'hkdj')] }),
      item('prefix', '户口迁移', 'z', { searchKeys: [key('户口迁移', 'hukouqianyi', 'hkqy')] }),
      item('exact', '户口', 'w', { searchKeys: [key('户口', 'hukou', 'hk')] }),
    ];
    expect(searchGuide(catalog, '户口').map((hit) => hit.rank)).toEqual(['name-exact', 'name-prefix', 'name-prefix', 'name-contains']);
    expect(searchGuide(catalog, '户口').map((hit) => hit.item.code)).toEqual(['exact', 'initials', 'prefix', 'inside']);
    expect(searchGuide(catalog, 'hukou').map((hit) => `${hit.item.code}:${hit.rank}`)).toEqual(['exact:name-exact', 'initials:name-prefix', 'prefix:name-prefix']);
    expect(searchGuide(catalog, 'hkq').map((hit) => hit.item.code)).toEqual(['prefix']);
  });

  it('matches full pinyin from its start or, from three letters on, inside it', () => {
    expect(ranks('hujiqianyi')).toEqual(['household-transfer:name-prefix']);
    expect(ranks('qianyi')).toEqual(['household-transfer:pinyin-contains']);
    expect(ranks('djxx')).toEqual(['real-estate-query:pinyin-contains']);
    // Two letters inside a full spelling would be anywhere ("ua" in "quan", "zhuan").
    expect(codes('ua')).toEqual([]);
  });

  it('matches English names at word starts, ignoring case and spaces', () => {
    expect(codes('Invoice')).toEqual(['invoice']);
    expect(codes('transfer')).toEqual(['household-transfer']);
    expect(codes('lost real')).toEqual(['title-replacement']);
    expect(codes('ransfer')).toEqual([]);
    expect(ranks('household')).toEqual(['household-transfer:name-prefix', 'talent:name-prefix']);
    expect(ranks('recruited')).toEqual(['talent:name-contains']);
  });

  it('falls back to life events and departments for Chinese text', () => {
    expect(ranks('出生')).toEqual(['newborn:name-contains']);
    expect(ranks('购房')).toEqual(['household-transfer:life-event', 'real-estate-query:life-event', 'title-replacement:life-event', 'talent:life-event']);
    expect(ranks('税务')).toEqual(['invoice:department']);
  });

  it('finds nothing for an empty query, blanks, or something no item has', () => {
    expect(codes('')).toEqual([]);
    expect(codes('   ')).toEqual([]);
    expect(codes('zzz')).toEqual([]);
    expect(codes('护照')).toEqual([]);
  });

  it('works on items without search keys (an older server)', () => {
    const bare = item('bare', '契税申报', 'Deed Tax Filing');
    expect(searchGuide([bare], '契税').map((hit) => hit.rank)).toEqual(['name-prefix']);
    expect(searchGuide([bare], 'qs')).toEqual([]);
  });
});

describe('browsing the guide', () => {
  it('groups items by department in catalog order', () => {
    const groups = itemsByDepartment(CATALOG);
    expect([...groups.keys()]).toEqual(['示例市公安局', '示例市不动产登记中心', '示例市税务局']);
    expect(groups.get('示例市公安局')!.map((entry) => entry.code)).toEqual(['household-transfer', 'newborn', 'talent']);
  });

  it('lists an item under each of its life events', () => {
    const groups = itemsByLifeEvent(CATALOG);
    expect([...groups.keys()]).toEqual(['购房', '结婚', '出生', '就业', '开办企业']);
    expect(groups.get('购房')!.map((entry) => entry.code)).toEqual(['household-transfer', 'real-estate-query', 'title-replacement', 'talent']);
    expect(groups.get('结婚')!.map((entry) => entry.code)).toEqual(['household-transfer']);
  });
});
