// How the evidence profile changed between two tallies (a revision and the working tree): counts per tag,
// matrix cells and coverage, as text; the table layout is the caller's (aligned columns, or Markdown).
import type { WorkspaceTally } from './tally';

export type TableWriter = (header: string[], rows: (string | number)[][]) => string;

export const signedChange = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '±0');
const pct = (n: number) => `${Math.round(n * 100)}%`;

/** "+12 research, -2 practice, coverage 31% → 48%": the changed tags and the coverage, in one line. */
export function tallyChangeSummary(old: WorkspaceTally, current: WorkspaceTally): string {
  const changes: string[] = [];
  for (const dimension of current.dimensions) {
    const before = old.dimensions.find((d) => d.id === dimension.id);
    for (const id of tagIds(old, current, dimension.id)) {
      const was = before?.tags.find((t) => t.id === id)?.passages ?? 0;
      const is = dimension.tags.find((t) => t.id === id)?.passages ?? 0;
      if (is !== was) changes.push(`${signedChange(is - was)} ${id}`);
    }
  }
  const coverage = `coverage ${pct(old.coverage.coverage)} → ${pct(current.coverage.coverage)}`;
  return changes.length ? `${changes.join(', ')}, ${coverage}` : `no change in the counts, ${coverage}`;
}

function tagIds(old: WorkspaceTally, current: WorkspaceTally, dimension: string): string[] {
  const ids = old.dimensions.find((d) => d.id === dimension)?.tags.map((t) => t.id) ?? [];
  for (const t of current.dimensions.find((d) => d.id === dimension)?.tags ?? []) if (!ids.includes(t.id)) ids.push(t.id);
  return ids;
}

export function tallyChangeText(since: string, old: WorkspaceTally, current: WorkspaceTally, table: TableWriter): string {
  const out = [`Since ${since}: ${old.passages} → ${current.passages} passages (${signedChange(current.passages - old.passages)}), ${old.files} → ${current.files} files, coverage ${pct(old.coverage.coverage)} → ${pct(current.coverage.coverage)}`, ''];
  for (const dimension of current.dimensions) {
    const before = old.dimensions.find((d) => d.id === dimension.id);
    const rows = tagIds(old, current, dimension.id).map((id) => {
      const was = before?.tags.find((t) => t.id === id)?.passages ?? 0;
      const is = dimension.tags.find((t) => t.id === id)?.passages ?? 0;
      return [id, was, is, signedChange(is - was)];
    });
    out.push(`${dimension.label} (${dimension.id})`, table(['tag', 'before', 'now', 'change'], rows), '');
  }
  const { matrix } = current;
  if (matrix.rows.length && matrix.columns.length) {
    out.push('Matrix change: passages by type of evidence (rows) and form of use (columns)');
    const cell = (t: WorkspaceTally, row: string, column: string) => {
      const r = t.matrix.rows.findIndex((x) => x.id === row);
      const c = t.matrix.columns.findIndex((x) => x.id === column);
      return r === -1 || c === -1 ? 0 : t.matrix.counts[r][c];
    };
    const rows = matrix.rows.map((r) => [r.id, ...matrix.columns.map((c) => signedChange(cell(current, r.id, c.id) - cell(old, r.id, c.id)))]);
    out.push(table(['', ...matrix.columns.map((c) => c.id)], rows), '');
  }
  out.push(`In short: ${tallyChangeSummary(old, current)}`);
  return out.join('\n') + '\n';
}
