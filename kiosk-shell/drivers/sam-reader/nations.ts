/**
 * 民族 codes of GB/T 3304-1991 as the resident ID chip stores them (two ASCII digits), with the
 * name as printed on the card face after "民族" (the card prints 汉, not 汉族).
 */
const NATIONS: readonly string[] = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜',
  '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳',
  '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土',
  '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米',
  '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
];

const byCode = new Map<string, string>(NATIONS.map((name, index) => [String(index + 1).padStart(2, '0'), name]));
// GB/T 3304 also codes 97 其他 (unrecognised groups) and 98 for naturalised citizens of foreign descent.
byCode.set('97', '其他');
byCode.set('98', '外国血统中国籍人士');

const byName = new Map([...byCode].map(([code, name]) => [name, code]));

export const NATION_COUNT = NATIONS.length;

export function nationName(code: string): string | null {
  return byCode.get(code) ?? null;
}

export function nationCode(name: string): string | null {
  return byName.get(name) ?? null;
}
