// The tally as aligned text tables.
import type { WorkspaceTally } from '../core';
import { percent, table, thousands } from './format';
import { printable } from './printable';

export function printTally(tally: WorkspaceTally): string {
  const out: string[] = [`${tally.files} file${tally.files === 1 ? '' : 's'}, ${tally.passages} tagged passage${tally.passages === 1 ? '' : 's'}`, ''];
  for (const dimension of tally.dimensions) {
    out.push(printable(`${dimension.label} (${dimension.id})`));
    // Sub-tags indented under their parent, whose counts include theirs.
    const rows = dimension.tags.map((t) => [`${'  '.repeat(t.depth)}${t.known ? t.id : `${t.id} (unknown)`}`, t.label, t.passages, percent(t.share), thousands(t.characters), t.files]);
    out.push(table(['tag', 'label', 'passages', 'share', 'characters', 'files'], rows), '');
  }
  const { matrix } = tally;
  if (matrix.rows.length && matrix.columns.length) {
    out.push('Matrix: passages by type of evidence (rows) and form of use (columns)');
    const rows = matrix.rows.map((r, i) => [`${'  '.repeat(r.depth)}${r.id}`, ...matrix.counts[i]]);
    out.push(table(['', ...matrix.columns.map((c) => c.id)], rows), '');
  }
  out.push('Coverage (share of prose characters inside tagged passages)');
  const rows = tally.coverage.files.map((f) => [f.file, f.passages, thousands(f.proseLength), thousands(f.taggedLength), percent(f.coverage), f.untaggedBlocks]);
  rows.push(['total', tally.passages, thousands(tally.coverage.proseLength), thousands(tally.coverage.taggedLength), percent(tally.coverage.coverage), tally.coverage.files.reduce((s, f) => s + f.untaggedBlocks, 0)]);
  out.push(table(['file', 'passages', 'prose', 'tagged', 'coverage', 'untagged paragraphs'], rows));
  return out.join('\n') + '\n';
}
