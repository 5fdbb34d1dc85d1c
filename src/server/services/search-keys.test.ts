import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../demo/catalog-data.ts';
import { namesOf, searchKeyOf, withSearchKeys } from './search-keys.ts';

const key = (text: string) => searchKeyOf(pinyin, text);

describe('pinyin search keys of item names', () => {
  it('spells a name in full pinyin without tones, and by its initials', () => {
    expect(key('户籍迁移')).toEqual({ text: '户籍迁移', pinyin: 'hujiqianyi', initials: 'hjqy' });
  });

  it('reads polyphones by the word they stand in', () => {
    expect(key('户口迁移').pinyin).toBe('hukouqianyi');
    expect(key('不动产登记').initials).toBe('bdcdj');
    expect(key('新生儿出生登记').pinyin).toBe('xinshengerchushengdengji');
    expect(key('重新申领').pinyin).toBe('chongxinshenling');
    expect(key('银行卡').pinyin).toBe('yinhangka');
    expect(key('机动车行驶证').pinyin).toBe('jidongchexingshizheng');
    expect(key('社会保险参保缴费证明打印').initials).toBe('shbxcbjfzmdy');
    expect(key('存量房转移登记').pinyin).toBe('cunliangfangzhuanyidengji');
    expect(key('个人所得税纳税记录开具').pinyin).toBe('gerensuodeshuinashuijilukaiju');
    expect(key('企业信息变更登记').pinyin).toBe('qiyexinxibiangengdengji');
  });

  it('drops brackets and punctuation, keeps Latin letters and digits, writes ü as v', () => {
    expect(key('户口迁移（市内）')).toEqual({ text: '户口迁移（市内）', pinyin: 'hukouqianyishinei', initials: 'hkqysn' });
    expect(key('ETC卡办理').pinyin).toBe('etckabanli');
    expect(key('律师').pinyin).toBe('lvshi');
  });

  it('also keys a name by the words citizens say for its official ones', () => {
    expect(namesOf('户口迁移（市内）')).toEqual(['户口迁移（市内）', '户籍迁移（市内）']);
    expect(namesOf('不动产权证书遗失补证')).toEqual(['不动产权证书遗失补证', '房产证遗失补证']);
    expect(namesOf('不动产登记信息查询')).toEqual(['不动产登记信息查询', '房产登记信息查询']);
    expect(namesOf('最低生活保障申请')).toEqual(['最低生活保障申请', '低保申请']);
    expect(namesOf('企业设立登记')).toEqual(['企业设立登记']);
  });

  it('gives every demo item keys, its own name first', async () => {
    const items = await withSearchKeys(DEMO_CATALOG.items);
    for (const item of items) {
      expect(item.searchKeys![0]!.text).toBe(item.name['zh-CN']);
      for (const searchKey of item.searchKeys!) {
        expect(searchKey.pinyin).toMatch(/^[a-z0-9]+$/);
        expect(searchKey.initials).toMatch(/^[a-z0-9]+$/);
      }
    }
    const transfer = items.find((item) => item.code === 'household-transfer-in-city')!;
    expect(transfer.searchKeys!.map((searchKey) => searchKey.initials)).toEqual(['hkqysn', 'hjqysn']);
  });
});
