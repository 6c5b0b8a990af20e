// Offsets ↔ line/character (UTF-16 code units, as VS Code counts), for LF and CRLF text.
import { lineOfOffset, upperBound } from './bounds';
import { EditedText } from './editedText';

export { lineOfOffset, upperBound };

export interface Position {
  offset: number;
  line: number;
  character: number;
}

export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];
  /** The text, or (after an edit) its pieces: the line table reads only its length and a few characters. */
  private source: string | EditedText;

  constructor(text: string) {
    this.source = text;
    this.lineStarts = lineStartsOf(text);
  }

  /**
   * The line table of `source`, which is `previous.text` with `removed` characters at `start` replaced by
   * `insertedText`: lines before the edit are kept, lines after it shifted, and only the inserted text is
   * scanned (a keystroke in a 5 MB document then costs a copy of the table, not a scan of the text).
   */
  static afterEdit(previous: LineIndex, source: EditedText, start: number, removed: number, insertedText: string): LineIndex {
    const old = previous.lineStarts;
    const inserted = insertedText.length;
    const delta = inserted - removed;
    // Old starts up to `start` come from line breaks before the edit; those in (start, start + removed] from
    // removed ones; the rest from line breaks after it.
    const kept = upperBound(old, start);
    const after = upperBound(old, start + removed);
    const added: number[] = [];
    for (let at = insertedText.indexOf('\n'); at !== -1; at = insertedText.indexOf('\n', at + 1)) added.push(start + at + 1);
    // slice, an in-place shift and concat: copies of packed arrays, far cheaper than a push per line.
    const shifted = old.slice(after);
    if (delta !== 0) for (let i = 0; i < shifted.length; i++) shifted[i] += delta;
    const starts = old.slice(0, kept).concat(added, shifted);
    const index = Object.create(LineIndex.prototype) as { source: string | EditedText; lineStarts: number[] };
    index.source = source;
    index.lineStarts = starts;
    return index as unknown as LineIndex;
  }

  /** The text as pieces an edit can cut (see EditedText). */
  edited(): EditedText {
    return typeof this.source === 'string' ? (this.source = EditedText.of(this.source)) : this.source;
  }

  /** The whole text (joined from its pieces when first asked for after an edit). */
  get text(): string {
    return typeof this.source === 'string' ? this.source : this.source.toString();
  }

  get length(): number {
    return this.source.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset just past the line's last character, before its line break (LF or CRLF). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.source.length;
    const next = this.lineStarts[line + 1] - 1;
    return next > this.lineStarts[line] && this.source.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  lineAt(offset: number): number {
    return lineOfOffset(this.lineStarts, offset);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.source.length));
    const line = this.lineAt(clamped);
    return { offset: clamped, line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.source.length;
    return Math.min(this.lineStarts[line] + Math.max(0, character), this.lineEnd(line));
  }
}

/**
 * Where each line of `text` starts. The breaks are counted first so the table is made at its size: pushing
 * grows it by copies, which cost more than a second indexOf pass when lines are short (a transcript, one
 * word a line).
 */
export function lineStartsOf(text: string): number[] {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  const starts = new Array<number>(count);
  starts[0] = 0;
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
  return starts;
}
