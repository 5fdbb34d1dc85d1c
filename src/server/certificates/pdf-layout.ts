/**
 * Page-layout helpers for the certificate copy PDF: line wrapping of Chinese text, splitting a
 * table over pages, QR modules and the diagonal watermark grid. Units are PDF points.
 */
import type { PDFDocument } from '@napi-rs/canvas';
import { encode } from 'uqr';

/** A PDF page's 2D context; a canvas's context (used for measuring) is one too. */
export type PdfContext = ReturnType<PDFDocument['beginPage']>;

/**
 * Characters a Chinese line must not start with (GB/T 15834 punctuation rules): a closing
 * mark that would wrap alone pulls the character before it onto the new line.
 */
const NO_LINE_START = new Set('，。、；：？！）》」』】〕”’…—·,.;:?!)]}%');

/** Greedy per-character wrap: Chinese breaks between any two characters; explicit newlines are kept. */
export function wrapText(ctx: PdfContext, text: string, maxWidth: number): string[] {
  return text.split('\n').flatMap((paragraph) => wrapParagraph(ctx, paragraph, maxWidth));
}

function wrapParagraph(ctx: PdfContext, paragraph: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  for (const char of paragraph) {
    if (current.length > 0 && ctx.measureText(current.join('') + char).width > maxWidth) {
      const carried = NO_LINE_START.has(char) && current.length > 1 ? current.splice(-1) : [];
      lines.push(current.join(''));
      current = carried;
    }
    current.push(char);
  }
  return [...lines, current.join('')];
}

export interface TableRow {
  label: string;
  lines: string[];
}

export interface RowMetrics {
  lineHeight: number;
  /** Space above and below the text inside a cell. */
  padding: number;
}

export const rowHeight = (lineCount: number, metrics: RowMetrics): number => lineCount * metrics.lineHeight + 2 * metrics.padding;

/** A row is split across pages only if at least this many of its lines still fit: a lone line reads as a stray. */
const MIN_SPLIT_LINES = 3;

/**
 * Deals rows onto pages of `tableHeight` points. A value too long for the rest of a page
 * (a 经营范围 can run to a thousand characters) continues on the next under "（续）", so no text
 * is ever cut off or run past the page.
 */
export function paginateRows(rows: readonly TableRow[], tableHeight: number, metrics: RowMetrics): TableRow[][] {
  const pages: TableRow[][] = [[]];
  let used = 0;
  for (const row of rows) {
    let rest = row.lines;
    let label = row.label;
    while (rest.length > 0) {
      const fitting = Math.floor((tableHeight - used - 2 * metrics.padding) / metrics.lineHeight);
      const pageEmpty = used === 0;
      const take = fitting >= rest.length ? rest.length : fitting >= MIN_SPLIT_LINES || pageEmpty ? Math.max(1, fitting) : 0;
      if (take === 0) {
        pages.push([]);
        used = 0;
        continue;
      }
      pages[pages.length - 1]!.push({ label, lines: rest.slice(0, take) });
      used += rowHeight(take, metrics);
      rest = rest.slice(take);
      label = `${row.label}（续）`;
    }
  }
  return pages;
}

/** A QR code needs a quiet zone of four modules to be found by a camera. */
const QR_QUIET_MODULES = 4;

/**
 * Draws `payload` as a QR code whose side, quiet zone included, is `side` points. Dark modules
 * are merged into horizontal runs: fewer PDF operators, and no hairline seams between
 * neighbouring squares when a viewer anti-aliases them.
 */
export function drawQr(ctx: PdfContext, payload: string, left: number, top: number, side: number): void {
  const qr = encode(payload, { ecc: 'M', border: 0 });
  const module = side / (qr.size + 2 * QR_QUIET_MODULES);
  const origin = QR_QUIET_MODULES * module;
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(left, top, side, side);
  ctx.fillStyle = '#000';
  ctx.beginPath();
  qr.data.forEach((row, y) => {
    let runStart = -1;
    row.forEach((dark, x) => {
      if (dark && runStart < 0) runStart = x;
      const runEnds = runStart >= 0 && (!dark || x === row.length - 1);
      if (!runEnds) return;
      const runEnd = dark ? x + 1 : x;
      ctx.rect(left + origin + runStart * module, top + origin + y * module, (runEnd - runStart) * module, module);
      runStart = -1;
    });
  });
  ctx.fill();
  ctx.restore();
}

export interface WatermarkStyle {
  family: string;
  angleDegrees: number;
  alpha: number;
  color: string;
  mainSize: number;
  subSize: number;
}

/**
 * Repeats the watermark in a staggered grid turned about the page centre, reaching every corner,
 * so no part of the copy can be cut out free of it. The grid pitch follows the text width,
 * however long the purpose name is.
 */
export function drawWatermark(ctx: PdfContext, page: { width: number; height: number }, lines: [string, string], style: WatermarkStyle): void {
  ctx.save();
  ctx.globalAlpha = style.alpha;
  ctx.fillStyle = style.color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.font = `${style.mainSize}px ${style.family}`;
  const mainWidth = ctx.measureText(lines[0]).width;
  ctx.font = `${style.subSize}px ${style.family}`;
  const pitchX = Math.max(mainWidth, ctx.measureText(lines[1]).width) + style.mainSize * 2.5;
  const pitchY = (style.mainSize + style.subSize) * 3.2;
  const reach = Math.hypot(page.width, page.height) / 2 + pitchX;
  const angle = (style.angleDegrees * Math.PI) / 180;
  // A repetition whose centre lies this far outside the page shows nothing of itself on it.
  const offPage = (x: number, y: number) => {
    const pageX = page.width / 2 + x * Math.cos(angle) - y * Math.sin(angle);
    const pageY = page.height / 2 + x * Math.sin(angle) + y * Math.cos(angle);
    return pageX < -pitchX / 2 || pageX > page.width + pitchX / 2 || pageY < -pitchX / 2 || pageY > page.height + pitchX / 2;
  };
  ctx.translate(page.width / 2, page.height / 2);
  ctx.rotate(angle);
  for (let row = 0, y = -reach; y <= reach; row++, y += pitchY) {
    const stagger = row % 2 === 0 ? 0 : pitchX / 2;
    for (let x = -reach + stagger; x <= reach; x += pitchX) {
      if (offPage(x, y)) continue;
      ctx.font = `${style.mainSize}px ${style.family}`;
      ctx.fillText(lines[0], x, y);
      ctx.font = `${style.subSize}px ${style.family}`;
      ctx.fillText(lines[1], x, y + style.subSize * 1.8);
    }
  }
  ctx.restore();
}
