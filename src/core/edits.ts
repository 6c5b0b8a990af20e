// Text edits that tag, retag and untag passages. Untagging deletes exactly the markup tagging inserted.
import { formatValue } from './attributes';
import { markupOf, type Passage } from './passage';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface TagValues {
  /** dimension → tag ids; dimensions with no ids are left out. */
  tags: Record<string, string[]>;
  note?: string | null;
}

/** `key=value` pairs for tags and note, in the given dimension order. */
export function formatPairs({ tags, note }: TagValues): string[] {
  const pairs = Object.entries(tags)
    .filter(([, ids]) => ids.length > 0)
    .map(([dimension, ids]) => `${dimension}=${formatValue(ids.join(' '))}`);
  if (note) pairs.push(`note=${formatValue(note)}`);
  return pairs;
}

export function formatAttributes(values: TagValues, kept: string[] = []): string {
  return `{${[...kept, ...formatPairs(values)].join(' ')}}`;
}

/** Wraps [start, end) in a span, or, when `block` is true, in a fenced div on lines of its own. */
export function tagEdits(text: string, start: number, end: number, values: TagValues, block: boolean): TextEdit[] {
  const attributes = formatAttributes(values);
  if (!block) return [{ start, end: start, newText: '[' }, { start: end, end, newText: `]${attributes}` }];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [
    { start, end: start, newText: `::: ${attributes}${eol}` },
    { start: end, end, newText: `${eol}:::` },
  ];
}

/** Deletes the passage's markup and nothing else. */
export function untagEdits(passage: Passage): TextEdit[] {
  return markupOf(passage).map(([start, end]) => ({ start, end, newText: '' }));
}

/** Replaces the passage's tags and note, keeping its other attributes (id, classes, other keys) as written. */
export function retagEdits(text: string, passage: Passage, values: TagValues, isDimension: (key: string) => boolean): TextEdit[] {
  const { attributes } = passage;
  const kept: string[] = [];
  if (attributes.id) kept.push(`#${attributes.id}`);
  for (const cls of attributes.classes) kept.push(`.${cls}`);
  for (const pair of attributes.pairs) if (pair.key !== 'note' && !isDimension(pair.key)) kept.push(text.slice(pair.start, pair.end));
  return [{ start: attributes.start, end: attributes.end, newText: formatAttributes(values, kept) }];
}

/** Applies non-overlapping edits (in any order) to text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.start) + edit.newText;
    at = Math.max(at, edit.end);
  }
  return out + text.slice(at);
}

/** One edit that replaces only the lines that differ between two texts (for small diffs and edits). */
export function changedLines(before: string, after: string): TextEdit {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const offset = (lines: string[], n: number) => lines.slice(0, n).reduce((sum, line) => sum + line.length + 1, 0);
  const start = offset(a, head);
  const end = Math.max(start, offset(a, a.length - tail) - 1);
  const newText = b.slice(head, b.length - tail).join('\n');
  // Nothing between: an insertion of whole lines, with the line break that separates them.
  return end === start && head < a.length && a.length - tail === head ? { start, end, newText: newText + '\n' } : { start, end, newText };
}
