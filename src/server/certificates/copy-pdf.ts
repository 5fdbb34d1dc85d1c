/**
 * The watermarked A4 copy of an electronic certificate (电子证照复印件) a terminal prints or hands
 * over: a PDF with its CJK font embedded, so every printer and viewer shows the same page.
 * The holder's own copy: their full name, their ID number masked as on every paper we issue.
 */
import { existsSync } from 'node:fs';
import { createCanvas, GlobalFonts, PDFDocument } from '@napi-rs/canvas';
import { type Certificate, type CertificateType, maskHolderId, maskHolderIdIn } from '../../core/certificates.ts';
import { drawQr, drawWatermark, paginateRows, rowHeight, wrapText, type PdfContext, type RowMetrics, type TableRow } from './pdf-layout.ts';

/**
 * WenQuanYi Micro Hei (Debian fonts-wqy-microhei). Not Noto Sans CJK: Skia's ToUnicode map for
 * it points some glyphs at Kangxi radicals, so text copied out of the PDF reads 使⽤ for 使用.
 */
export const DEFAULT_PDF_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export interface CopyRequest {
  certificate: Certificate;
  type: CertificateType;
  /** e.g. 仅供办理不动产抵押登记使用, from copyWatermark. */
  watermark: string;
  hallName: string;
  terminalName: string;
  /** Already formatted China time, e.g. 2026-10-01 20:30. */
  issuedAt: string;
  /** Unguessable id of this copy, printed small. */
  copyId: string;
  /** Where a QR scan verifies this copy, e.g. http://127.0.0.1:8080/verify/<copyId>. */
  verifyUrl: string;
  fontPath?: string;
}

/** The server answers 503 for this: the hall is misconfigured, the request is fine. */
export class PdfFontMissingError extends Error {
  constructor(readonly fontPath: string) {
    super(`Certificate copy font missing or unreadable: ${fontPath}. Install the Debian package fonts-wqy-microhei, or point KIOSK_PDF_FONT at a CJK TrueType font.`);
    this.name = 'PdfFontMissingError';
  }
}

const MM = 72 / 25.4;
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN_X = 20 * MM;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
/** Wide enough for the longest label, 统一社会信用代码, on one line. */
const LABEL_WIDTH = 38 * MM;
const CELL_PADDING_X = 8;
const BODY_SIZE = 11;
const ROW_METRICS: RowMetrics = { lineHeight: 17, padding: 6 };
const HEADER_TOP = 18 * MM;
const TABLE_TOP = HEADER_TOP + 70;
const QR_SIDE = 30 * MM;
const BLOCK_GAP = 14;
const FOOTER_SIZE = 8.5;
const FOOTER_LINE_HEIGHT = 12;
const FOOTER_BOTTOM = PAGE.height - 14 * MM;
const SMALL_SIZE = 8.5;
/** Light enough to read the table through, dark enough to survive a photocopier. */
const WATERMARK = { angleDegrees: -30, alpha: 0.16, color: '#404040', mainSize: 20, subSize: 9 };

const families = new Map<string, string>();

/** Registers each font file once per process, under a family name of its own. */
function fontFamily(path: string): string {
  const known = families.get(path);
  if (known) return known;
  if (!existsSync(path)) throw new PdfFontMissingError(path);
  const family = `KioskCopy${families.size + 1}`;
  if (!GlobalFonts.registerFromPath(path, family)) throw new PdfFontMissingError(path);
  families.set(path, family);
  return family;
}

interface PageContent {
  request: CopyRequest;
  family: string;
  rows: TableRow[];
  footerLines: string[];
  /** 第 1 页 / 共 2 页 when the table needs more than one page, else empty. */
  pageLabel: string;
}

export function renderCopyPdf(request: CopyRequest): Buffer {
  const family = fontFamily(request.fontPath ?? DEFAULT_PDF_FONT_PATH);
  const measure = createCanvas(1, 1).getContext('2d');
  measure.font = `${FOOTER_SIZE}px ${family}`;
  const footerLines = wrapText(measure, footerText(request), CONTENT_WIDTH);
  const footerTop = FOOTER_BOTTOM - footerLines.length * FOOTER_LINE_HEIGHT;
  const tableHeight = footerTop - BLOCK_GAP - QR_SIDE - BLOCK_GAP - TABLE_TOP;
  measure.font = `${BODY_SIZE}px ${family}`;
  const valueWidth = CONTENT_WIDTH - LABEL_WIDTH - 2 * CELL_PADDING_X;
  const rows = copyRows(request).map(({ label, value }) => ({ label, lines: wrapText(measure, value, valueWidth) }));
  const pages = paginateRows(rows, tableHeight, ROW_METRICS);

  const typeName = request.type.name['zh-CN'];
  const doc = new PDFDocument({ title: `${typeName} 复印件`, producer: 'kiosk24', compressionLevel: 6 });
  pages.forEach((pageRows, index) => {
    const pageLabel = pages.length > 1 ? `第 ${index + 1} 页 / 共 ${pages.length} 页` : '';
    drawPage(doc.beginPage(PAGE.width, PAGE.height), { request, family, rows: pageRows, footerLines, pageLabel });
    doc.endPage();
  });
  return doc.close();
}

function footerText({ hallName, terminalName, issuedAt, copyId }: CopyRequest): string {
  return `本复印件由${hallName}自助终端“${terminalName}”于${issuedAt}出具 · 编号 ${copyId}`;
}

/**
 * The rows of the paper original, framed by who holds it and who issued it. The holder's number is
 * masked wherever it stands, also where it is the certificate's own number (ID card, driving licence).
 */
function copyRows({ certificate, type }: CopyRequest): { label: string; value: string }[] {
  const masked = (text: string) => maskHolderIdIn(text, certificate.holderId);
  const fieldRows = type.fields.flatMap((field) => {
    const value = certificate.fields[field.key];
    return value === undefined || value === '' ? [] : [{ label: field.label['zh-CN'], value: masked(value) }];
  });
  return [
    { label: '证照编号', value: masked(certificate.number) },
    { label: '持证人', value: certificate.holderName },
    { label: type.holderKind === 'enterprise' ? '统一社会信用代码' : '证件号码', value: maskHolderId(certificate.holderId) },
    ...fieldRows,
    { label: '发证机关', value: certificate.issuer },
    { label: '发证日期', value: certificate.issuedOn },
    { label: '有效期至', value: certificate.validUntil === 'long-term' ? '长期' : certificate.validUntil },
  ];
}

function drawPage(ctx: PdfContext, content: PageContent): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PAGE.width, PAGE.height);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'top';
  drawHeader(ctx, content);
  const tableBottom = drawTable(ctx, content.family, content.rows);
  drawVerification(ctx, content, tableBottom + BLOCK_GAP);
  drawFooter(ctx, content);
  const { request } = content;
  // Last, so it lies over every line of content and nothing can be cut out free of it.
  drawWatermark(ctx, PAGE, [request.watermark, `${request.terminalName} ${request.issuedAt}`], { family: content.family, ...WATERMARK });
}

function drawHeader(ctx: PdfContext, { request, family, pageLabel }: PageContent): void {
  ctx.textAlign = 'center';
  ctx.font = `24px ${family}`;
  ctx.fillText(request.type.name['zh-CN'], PAGE.width / 2, HEADER_TOP);
  ctx.font = `13px ${family}`;
  ctx.fillStyle = '#333';
  ctx.fillText('电子证照复印件', PAGE.width / 2, HEADER_TOP + 34);
  if (pageLabel) {
    ctx.textAlign = 'right';
    ctx.font = `${SMALL_SIZE}px ${family}`;
    ctx.fillText(pageLabel, PAGE.width - MARGIN_X, HEADER_TOP + 38);
  }
  ctx.fillStyle = '#000';
  ctx.textAlign = 'left';
}

/** The bordered two-column table; returns its bottom edge. */
function drawTable(ctx: PdfContext, family: string, rows: readonly TableRow[]): number {
  const textInset = ROW_METRICS.padding + (ROW_METRICS.lineHeight - BODY_SIZE) / 2;
  let top = TABLE_TOP;
  ctx.font = `${BODY_SIZE}px ${family}`;
  ctx.lineWidth = 0.6;
  ctx.strokeStyle = '#555';
  for (const row of rows) {
    const height = rowHeight(row.lines.length, ROW_METRICS);
    ctx.fillStyle = '#f0f0f0';
    ctx.fillRect(MARGIN_X, top, LABEL_WIDTH, height);
    ctx.strokeRect(MARGIN_X, top, LABEL_WIDTH, height);
    ctx.strokeRect(MARGIN_X + LABEL_WIDTH, top, CONTENT_WIDTH - LABEL_WIDTH, height);
    ctx.fillStyle = '#000';
    // Labels sit on the first line, beside the start of their value, as on the paper originals.
    ctx.fillText(row.label, MARGIN_X + CELL_PADDING_X, top + textInset);
    row.lines.forEach((line, index) => {
      ctx.fillText(line, MARGIN_X + LABEL_WIDTH + CELL_PADDING_X, top + textInset + index * ROW_METRICS.lineHeight);
    });
    top += height;
  }
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = '#000';
  ctx.strokeRect(MARGIN_X, TABLE_TOP, CONTENT_WIDTH, top - TABLE_TOP);
  return top;
}

/** The QR code of the verify address, with what it is for beside it. */
function drawVerification(ctx: PdfContext, { request, family }: PageContent, top: number): void {
  drawQr(ctx, request.verifyUrl, MARGIN_X, top, QR_SIDE);
  const textLeft = MARGIN_X + QR_SIDE + 10;
  ctx.font = `12px ${family}`;
  ctx.fillText('扫码核验本复印件', textLeft, top + QR_SIDE / 2 - 20);
  ctx.font = `${SMALL_SIZE}px ${family}`;
  ctx.fillStyle = '#333';
  wrapText(ctx, request.verifyUrl, PAGE.width - MARGIN_X - textLeft).forEach((line, index) => {
    ctx.fillText(line, textLeft, top + QR_SIDE / 2 + index * FOOTER_LINE_HEIGHT);
  });
  ctx.fillStyle = '#000';
}

function drawFooter(ctx: PdfContext, { family, footerLines }: PageContent): void {
  const top = FOOTER_BOTTOM - footerLines.length * FOOTER_LINE_HEIGHT;
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = '#888';
  ctx.beginPath();
  ctx.moveTo(MARGIN_X, top - 6);
  ctx.lineTo(PAGE.width - MARGIN_X, top - 6);
  ctx.stroke();
  ctx.font = `${FOOTER_SIZE}px ${family}`;
  ctx.fillStyle = '#333';
  ctx.textAlign = 'center';
  footerLines.forEach((line, index) => ctx.fillText(line, PAGE.width / 2, top + index * FOOTER_LINE_HEIGHT));
  ctx.textAlign = 'left';
  ctx.fillStyle = '#000';
}
