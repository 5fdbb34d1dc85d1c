import { GROUPING_NAMES, type ReportCounts, type SupervisionReport } from './supervision-report.ts';

/**
 * The quarterly report as CSV for Excel: UTF-8 with a byte order mark (without it Excel reads
 * the Chinese as GBK and shows mojibake), CRLF line ends and RFC 4180 quoting.
 */
const BOM = '\uFEFF';

const COLUMNS: [keyof ReportCounts, string][] = [
  ['cases', '人工办件'],
  ['onTime', '按时办结'],
  ['inProgress', '办理中'],
  ['yellow', '黄牌'],
  ['red', '红牌'],
  ['revoked', '已撤销牌'],
  ['appealsFiled', '申诉'],
  ['appealsApproved', '申诉通过'],
  ['exemptTerminal', '自助终端件（免督查）'],
  ['exemptSmartApproval', '智能审批件（免督查）'],
];

/**
 * One field: quoted when it holds a comma, a quote, a line break or edge spaces (quotes doubled).
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with an
 * apostrophe: names come from the catalog and staff accounts, not from this page.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (fields: (string | number)[]) => fields.map(csvField).join(',');

export function reportCsv(report: SupervisionReport): string {
  const period = `${report.year}年第${report.quarter}季度`;
  const grouping = GROUPING_NAMES[report.by];
  const lines = [
    line(['季度', '统计维度', '名称', ...COLUMNS.map(([, title]) => title)]),
    ...report.rows.map((row) => line([period, grouping, row.label, ...COLUMNS.map(([key]) => row[key])])),
    line([period, grouping, '合计', ...COLUMNS.map(([key]) => report.total[key])]),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** "效能督查_2026年第4季度_按部门.csv", for Content-Disposition (RFC 6266 with an ASCII fallback). */
export function reportFileName(report: SupervisionReport): { ascii: string; utf8: string } {
  return {
    ascii: `supervision-${report.year}-Q${report.quarter}-${report.by}.csv`,
    utf8: `效能督查_${report.year}年第${report.quarter}季度_按${GROUPING_NAMES[report.by]}.csv`,
  };
}
