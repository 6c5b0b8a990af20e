// Plain-text tables for the terminal.
import { printable } from './printable';

export type Cell = string | number;

/** Columns aligned; numbers (and cells marked as such) right-aligned. */
export function table(header: string[], rows: Cell[][], indent = '  '): string {
  // Cells may hold file names and labels: control characters are shown escaped.
  const text = rows.map((row) => row.map((cell) => printable(String(cell))));
  const widths = header.map((h, i) => text.reduce((width, r) => Math.max(width, (r[i] ?? '').length), h.length));
  // Empty cells and "—" (undefined) do not stop a column of figures from being right-aligned.
  const numeric = header.map((_, i) => rows.some((r) => r[i] !== '' && r[i] !== undefined) && rows.every((r) => typeof r[i] === 'number' || /^([\d.,%+±-]+|—|)$/.test(String(r[i] ?? ''))));
  const line = (cells: string[]) =>
    indent + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...text.map(line)].join('\n');
}

export const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
export const thousands = (n: number) => n.toLocaleString('en-US');
