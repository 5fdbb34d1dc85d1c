import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** 'info': a figure with no budget (e.g. PostgreSQL's ticket load), shown for comparison. */
export type Verdict = 'OK' | 'MISSED' | 'info';

export interface Row {
  what: string;
  measured: string;
  budget: string;
  /** Never left out: a budget is met or missed; a figure without a budget says so. */
  verdict: Verdict;
  reference: string;
}

export const verdict = (met: boolean): Verdict => (met ? 'OK' : 'MISSED');

const COLUMNS: { key: keyof Row; title: string }[] = [
  { key: 'what', title: 'what' },
  { key: 'measured', title: 'measured' },
  { key: 'budget', title: 'budget' },
  { key: 'verdict', title: 'verdict' },
  { key: 'reference', title: 'reference figure' },
];

/** A Markdown table, padded so it also reads well in a terminal. */
export function renderTable(rows: readonly Row[]): string {
  const widths = COLUMNS.map(({ key, title }) => Math.max(title.length, ...rows.map((row) => row[key].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    line(COLUMNS.map((column) => column.title)),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map((row) => line(COLUMNS.map((column) => row[column.key]))),
  ].join('\n');
}

/** The table and the raw measurements behind it, for comparing runs over time. */
export function writeResults(file: string, rows: readonly Row[], raw: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ generatedAt: new Date().toISOString(), rows, raw }, null, 2)}\n`);
}
