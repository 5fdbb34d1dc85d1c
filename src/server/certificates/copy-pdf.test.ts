import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateType, type Certificate } from '../../core/certificates.ts';
import { idCheckChar } from '../../core/id-number.ts';
import { PdfFontMissingError, renderCopyPdf, type CopyRequest } from './copy-pdf.ts';

// Built as the demo people are: the fictional area 990101, a birth date, a sequence, the check character.
const FIRST_17 = '99010119860308024';
const HOLDER_ID = FIRST_17 + idCheckChar(FIRST_17);
const WATERMARK = '仅供办理不动产抵押登记使用';

const REAL_ESTATE: Certificate = {
  id: 'cert-re-1',
  typeCode: 'real-estate',
  number: '示（2024）示例市不动产权第0012345号',
  holderName: '周样例',
  holderId: HOLDER_ID,
  issuer: '示例市自然资源和规划局',
  issuedOn: '2024-05-12',
  validUntil: 'long-term',
  fields: {
    location: '示例市中心区样例路88号3栋2单元1201室',
    unitNumber: '990101001001GB00012F00031201',
    use: '城镇住宅用地/住宅',
    area: '房屋建筑面积98.76平方米',
    rightType: '国有建设用地使用权/房屋所有权',
  },
};

const SCOPE =
  '软件开发；信息技术咨询服务；信息系统集成服务；数据处理和存储支持服务；计算机软硬件及辅助设备零售；网络技术服务；' +
  '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；人工智能应用软件开发；物联网技术服务；办公设备租赁服务；' +
  '会议及展览服务；广告设计、代理；广告制作；广告发布（非广播电台、电视台、报刊出版单位）；专业设计服务；工业设计服务；' +
  '平面设计；企业管理咨询；市场营销策划；（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）许可项目：第二类增值电信业务；' +
  '互联网信息服务。（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）';

const businessLicence = (scope: string): Certificate => ({
  id: 'cert-bl-1',
  typeCode: 'business-licence',
  number: '99010100000000001',
  holderName: '示例市样例科技有限公司',
  holderId: '91990101MA0000001X',
  issuer: '示例市市场监督管理局',
  issuedOn: '2021-09-01',
  validUntil: '2041-08-31',
  fields: { entityType: '有限责任公司（自然人投资或控股）', representative: '周样例', capital: '壹佰万元整', establishedOn: '2021-09-01', domicile: '示例市中心区样例路88号', scope },
});

function copyRequest(certificate: Certificate, overrides: Partial<CopyRequest> = {}): CopyRequest {
  return {
    certificate,
    type: certificateType(certificate.typeCode)!,
    watermark: WATERMARK,
    hallName: '示例市政务服务中心',
    terminalName: '一楼大厅 1号机',
    issuedAt: '2026-10-01 20:30',
    copyId: 'CP7Q4M2X9KD3HZ8N',
    verifyUrl: 'http://127.0.0.1:8080/verify/CP7Q4M2X9KD3HZ8N',
    ...overrides,
  };
}

const workDir = mkdtempSync(join(tmpdir(), 'copy-pdf-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

let fileCount = 0;
function renderToFile(request: CopyRequest): { pdf: Buffer; file: string } {
  const pdf = renderCopyPdf(request);
  const file = join(workDir, `copy-${++fileCount}.pdf`);
  writeFileSync(file, pdf);
  return { pdf, file };
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

/** The page content as laid out, without the diagonal watermark (poppler cannot join diagonal text into lines). */
const contentText = (file: string) => run('pdftotext', ['-layout', '-nodiag', file, '-']);
/** Everything in drawing order, whitespace removed: each diagonal watermark comes out whole. */
const rawText = (file: string) => run('pdftotext', ['-raw', file, '-']).replace(/\s/g, '');
const flat = (text: string) => text.replace(/\s/g, '');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** The 经营范围 value as read off each page, from its label to the next row or the QR block. */
function scopeOnPages(file: string): string {
  return contentText(file)
    .split('\f')
    .map((page) => /经营范围(?:（续）)?(.*?)(?:发证机关|发证日期|有效期至|扫码核验本复印件)/.exec(flat(page))?.[1] ?? '')
    .join('');
}

describe('renderCopyPdf', () => {
  it('renders one A4 page with the type name, the masked holder number and every field', () => {
    const { pdf, file } = renderToFile(copyRequest(REAL_ESTATE));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    expect(info).toMatch(/Title:\s+不动产权证书 复印件\n/);
    expect(info).toMatch(/Producer:\s+kiosk24\n/);

    const text = flat(contentText(file));
    for (const expected of ['不动产权证书', '电子证照复印件', REAL_ESTATE.number, '持证人周样例', '证件号码9901**********0247', '有效期至长期']) {
      expect(text).toContain(expected);
    }
    for (const value of Object.values(REAL_ESTATE.fields)) expect(text).toContain(value);
    expect(text).toContain('发证机关示例市自然资源和规划局');
    expect(text).toContain('发证日期2024-05-12');
    expect(text).toContain('扫码核验本复印件');
    expect(text).toContain('http://127.0.0.1:8080/verify/CP7Q4M2X9KD3HZ8N');
    expect(text).toContain('本复印件由示例市政务服务中心自助终端“一楼大厅1号机”于2026-10-0120:30出具·编号CP7Q4M2X9KD3HZ8N');
  });

  it('never prints the full ID number, not even inside the watermark', () => {
    const { file } = renderToFile(copyRequest(REAL_ESTATE));
    expect(HOLDER_ID).toBe('990101198603080247');
    expect(rawText(file)).not.toContain(HOLDER_ID);
    expect(rawText(file)).not.toContain(HOLDER_ID.slice(4, 14));
  });

  it('masks the holder number where it is the certificate number too, as on a driving licence', () => {
    const licence: Certificate = {
      ...REAL_ESTATE,
      typeCode: 'driving-licence',
      number: HOLDER_ID,
      fields: { vehicleClass: 'C1', firstIssuedOn: '2008-05-20', fileNumber: `档案 ${HOLDER_ID}` },
    };
    const { file } = renderToFile(copyRequest(licence, { type: certificateType('driving-licence')! }));
    const text = rawText(file);
    expect(text).not.toContain(HOLDER_ID);
    expect(text).toContain(`${HOLDER_ID.slice(0, 4)}**********${HOLDER_ID.slice(-4)}`);
  });

  it('lists the fields of the type in order and leaves out the ones the certificate lacks', () => {
    const { file } = renderToFile(copyRequest(REAL_ESTATE));
    const text = flat(contentText(file));
    expect(text).not.toContain('共有情况');
    const labels = ['证照编号', '持证人', '证件号码', '坐落', '不动产单元号', '用途', '面积', '权利类型', '发证机关', '发证日期', '有效期至'];
    const positions = labels.map((label) => text.indexOf(label));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('repeats the watermark with the terminal and time across the page', () => {
    const { file } = renderToFile(copyRequest(REAL_ESTATE));
    const raw = rawText(file);
    expect(occurrences(raw, WATERMARK)).toBeGreaterThanOrEqual(6);
    expect(occurrences(raw, '一楼大厅1号机2026-10-0120:30')).toBeGreaterThanOrEqual(6);
  });

  it('leaves no part of the page free of the watermark', () => {
    const { file } = renderToFile(copyRequest(REAL_ESTATE));
    // A 4 × 5 grid of 149 × 168 pt pieces (about 5 × 6 cm): each holds diagonal text, i.e. watermark.
    for (let column = 0; column < 4; column++) {
      for (let row = 0; row < 5; row++) {
        const crop = ['-r', '72', '-x', String(column * 149), '-y', String(row * 168), '-W', '149', '-H', '168', file, '-'];
        const withWatermark = flat(run('pdftotext', ['-raw', ...crop])).length;
        const withoutWatermark = flat(run('pdftotext', ['-raw', '-nodiag', ...crop])).length;
        expect(withWatermark, `piece ${column},${row}`).toBeGreaterThan(withoutWatermark);
      }
    }
  });

  it('embeds the CJK font so any printer shows the same glyphs', () => {
    const { file } = renderToFile(copyRequest(REAL_ESTATE));
    const fonts = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('wraps a long business scope inside its cell, every character of it on the page', () => {
    expect(SCOPE.length).toBeGreaterThan(280);
    const { file } = renderToFile(copyRequest(businessLicence(SCOPE)));
    expect(run('pdfinfo', [file])).toMatch(/Pages:\s+1\n/);
    const layout = contentText(file);
    expect(scopeOnPages(file)).toBe(SCOPE);
    // Wrapped onto several lines of the value column rather than one line running off the page.
    expect(layout.split('\n').filter((line) => /[；、]/.test(line)).length).toBeGreaterThanOrEqual(5);
    expect(flat(layout)).toContain('统一社会信用代码9199**********001X');
  });

  it('continues a scope too long for one page on the next, each page watermarked and verifiable', () => {
    const scope = Array.from({ length: 6 }, () => SCOPE).join('');
    const { file } = renderToFile(copyRequest(businessLicence(scope)));
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(scopeOnPages(file)).toBe(scope);
    const text = flat(contentText(file));
    expect(text).toContain('经营范围（续）');
    expect(text).toContain(`第1页/共${pages}页`);
    expect(text).toContain('有效期至2041-08-31');
    expect(occurrences(text, '扫码核验本复印件')).toBe(pages);
    expect(occurrences(text, '编号CP7Q4M2X9KD3HZ8N')).toBe(pages);
    const rawPages = run('pdftotext', ['-raw', file, '-']).split('\f').slice(0, pages);
    for (const page of rawPages) expect(occurrences(flat(page), WATERMARK)).toBeGreaterThanOrEqual(6);
  });

  it('throws a clear error naming the path and the package when the font is missing', () => {
    const fontPath = join(workDir, 'no-such-font.ttc');
    const render = () => renderCopyPdf(copyRequest(REAL_ESTATE, { fontPath }));
    expect(render).toThrow(PdfFontMissingError);
    expect(render).toThrow(fontPath);
    expect(render).toThrow('fonts-wqy-microhei');
  });

  it('refuses a file that is no font', () => {
    const fontPath = join(workDir, 'not-a-font.ttf');
    writeFileSync(fontPath, 'not a font');
    expect(() => renderCopyPdf(copyRequest(REAL_ESTATE, { fontPath }))).toThrow(PdfFontMissingError);
  });
});
