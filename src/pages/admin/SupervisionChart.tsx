import type { ReportRow } from './supervision-api.ts';
import styles from './SupervisionChart.module.css';

/**
 * Stacked horizontal bars, one row per group: the manual cases (按时办结, 办理中, 黄牌, 红牌) and
 * beside them, on the same scale, the exempt cases (自助终端, 智能审批). Drawn as SVG by hand: the
 * back office takes no charting library for one chart.
 */

export const SEGMENTS = [
  { key: 'onTime', label: '按时办结', color: '#2f7d4a' },
  { key: 'inProgress', label: '办理中', color: '#8fa3b8' },
  { key: 'yellow', label: '黄牌', color: '#e3a600' },
  { key: 'red', label: '红牌', color: '#c0392b' },
] as const;
export const EXEMPT_SEGMENTS = [
  { key: 'exemptTerminal', label: '自助终端（免督查）', color: '#3f7cb8' },
  { key: 'exemptSmartApproval', label: '智能审批（免督查）', color: '#7a68b3' },
] as const;

const WIDTH = 1100;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 150;
const PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16;
const AXIS_HEIGHT = 26;
const ROW_HEIGHT = 40;
const BAR_HEIGHT = 16;
const EXEMPT_HEIGHT = 9;
/** A single yellow or red card among hundreds of cases must still be seen. */
const MIN_SEGMENT_PX = 3;

/** 1, 2 or 5 times a power of ten, giving about five grid lines. */
function niceStep(max: number): number {
  const rough = Math.max(1, max) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  return Math.max(1, step);
}

const exemptOf = (row: ReportRow) => row.exemptTerminal + row.exemptSmartApproval;

export function describeRow(row: ReportRow): string {
  const manual = row.cases === 0 ? '无人工办件' : `人工办件${row.cases}件：按时办结${row.onTime}件，办理中${row.inProgress}件，黄牌${row.yellow}件，红牌${row.red}件`;
  const exempt = exemptOf(row) === 0 ? '' : `；免督查${exemptOf(row)}件（自助终端${row.exemptTerminal}件，智能审批${row.exemptSmartApproval}件）`;
  return `${row.label}：${manual}${exempt}`;
}

/** Segment widths on the scale, small non-zero ones widened to be visible (taken from the largest). */
function segmentWidths(values: number[], scale: number): number[] {
  const widths = values.map((value) => (value === 0 ? 0 : Math.max(MIN_SEGMENT_PX, value * scale)));
  const exact = values.reduce((sum, value) => sum + value, 0) * scale;
  const excess = widths.reduce((sum, width) => sum + width, 0) - exact;
  const largest = widths.indexOf(Math.max(...widths));
  if (excess > 0 && largest >= 0) widths[largest] = Math.max(0, widths[largest]! - excess);
  return widths;
}

function Bar({ x, y, height, parts }: { x: number; y: number; height: number; parts: { width: number; color: string; label: string; value: number; pattern?: boolean }[] }) {
  let offset = x;
  return (
    <>
      {parts.map((part) => {
        if (part.width <= 0) return null;
        const left = offset;
        offset += part.width;
        return (
          <rect key={part.label} x={left} y={y} width={part.width} height={height} fill={part.pattern ? `url(#sv-hatch-${part.color.slice(1)})` : part.color}>
            <title>{`${part.label}：${part.value}件`}</title>
          </rect>
        );
      })}
    </>
  );
}

function Row({ row, index, scale }: { row: ReportRow; index: number; scale: number }) {
  const top = AXIS_HEIGHT + index * ROW_HEIGHT;
  const manual = segmentWidths(SEGMENTS.map((segment) => row[segment.key]), scale);
  const exempt = segmentWidths(EXEMPT_SEGMENTS.map((segment) => row[segment.key]), scale);
  const manualEnd = LABEL_WIDTH + manual.reduce((sum, width) => sum + width, 0);
  const exemptEnd = LABEL_WIDTH + exempt.reduce((sum, width) => sum + width, 0);
  return (
    <g data-testid="chart-row" data-group={row.label}>
      <title>{describeRow(row)}</title>
      <text x={LABEL_WIDTH - 12} y={top + 4 + BAR_HEIGHT - 4} text-anchor="end" class={styles.chartLabel}>
        {row.label.length > 15 ? `${row.label.slice(0, 14)}…` : row.label}
      </text>
      <Bar x={LABEL_WIDTH} y={top + 5} height={BAR_HEIGHT} parts={SEGMENTS.map((segment, i) => ({ width: manual[i]!, color: segment.color, label: segment.label, value: row[segment.key] }))} />
      <text x={manualEnd + 6} y={top + 5 + BAR_HEIGHT - 4} class={styles.chartValue}>
        {row.cases > 0 ? `${row.cases}件` : '—'}
        {row.yellow > 0 && <tspan class={styles.chartYellow}>{`  黄${row.yellow}`}</tspan>}
        {row.red > 0 && <tspan class={styles.chartRed}>{`  红${row.red}`}</tspan>}
      </text>
      <Bar
        x={LABEL_WIDTH}
        y={top + 7 + BAR_HEIGHT}
        height={EXEMPT_HEIGHT}
        parts={EXEMPT_SEGMENTS.map((segment, i) => ({ width: exempt[i]!, color: segment.color, label: segment.label, value: row[segment.key], pattern: true }))}
      />
      {exemptOf(row) > 0 && (
        <text x={exemptEnd + 6} y={top + 7 + BAR_HEIGHT + EXEMPT_HEIGHT - 1} class={styles.chartExempt}>
          {`免督查 ${exemptOf(row)}件`}
        </text>
      )}
    </g>
  );
}

export function SupervisionChart({ rows, title }: { rows: ReportRow[]; title: string }) {
  const max = Math.max(1, ...rows.map((row) => Math.max(row.cases, exemptOf(row))));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const scale = PLOT_WIDTH / top;
  const height = AXIS_HEIGHT + rows.length * ROW_HEIGHT + 8;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return (
    <figure class={styles.chart} data-testid="supervision-chart">
      <ul class={styles.legend} aria-label="图例">
        {[...SEGMENTS, ...EXEMPT_SEGMENTS].map((segment) => (
          <li key={segment.key}>
            <span class={`${styles.swatch} ${segment.key.startsWith('exempt') ? styles.swatchHatched : ''}`} style={{ '--swatch': segment.color }} aria-hidden="true" />
            {segment.label}
          </li>
        ))}
      </ul>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-labelledby="sv-chart-title sv-chart-desc" class={styles.chartSvg}>
        <title id="sv-chart-title">{title}</title>
        <desc id="sv-chart-desc">{rows.map(describeRow).join('。')}</desc>
        <defs>
          {EXEMPT_SEGMENTS.map((segment) => (
            <pattern key={segment.key} id={`sv-hatch-${segment.color.slice(1)}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={segment.color} opacity="0.35" />
              <rect width="2.5" height="6" fill={segment.color} />
            </pattern>
          ))}
        </defs>
        {rows.map((row, index) => index % 2 === 1 && <rect key={row.key} x={0} y={AXIS_HEIGHT + index * ROW_HEIGHT} width={WIDTH} height={ROW_HEIGHT} fill="#f5f7fa" aria-hidden="true" />)}
        {ticks.map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={LABEL_WIDTH + tick * scale} x2={LABEL_WIDTH + tick * scale} y1={AXIS_HEIGHT - 4} y2={height - 8} class={tick === 0 ? styles.chartAxis : styles.chartGrid} />
            <text x={LABEL_WIDTH + tick * scale} y={AXIS_HEIGHT - 10} text-anchor="middle" class={styles.chartTick}>
              {tick}
            </text>
          </g>
        ))}
        {rows.map((row, index) => (
          <Row key={row.key} row={row} index={index} scale={scale} />
        ))}
      </svg>
    </figure>
  );
}
