// The text of a document after edits, kept as pieces until somebody needs it whole. A keystroke in a 5 MB
// document would otherwise make a new 5 MB string (the old text around the change, flattened by V8 on its
// first read); garbage that size on every keystroke makes the extension host collect it in the middle of
// the next ones. Pieces are slices of a flat string (V8 shares their characters with it) and the small
// strings typed; the incremental re-parse reads only the few lines around the change.
import { lineOfOffset } from './bounds';

/** Pieces shorter than this are joined with their neighbours, so typing in one place makes one piece. */
const SMALL_PIECE = 256;
/** Beyond this many pieces the text is joined into one string, and further edits cut that one. */
const MAX_PIECES = 200;

export class EditedText {
  private whole: string | undefined;

  private constructor(
    private readonly pieces: string[],
    /** Where each piece starts in the text. */
    private readonly starts: number[],
    readonly length: number,
  ) {}

  static of(text: string): EditedText {
    const edited = new EditedText([text], [0], text.length);
    edited.whole = text;
    return edited;
  }

  /** This text with `removed` characters at `start` replaced by `inserted` (this one is left as it was). */
  edit(start: number, removed: number, inserted: string): EditedText {
    const end = start + removed;
    if (start < 0 || removed < 0 || end > this.length) throw new RangeError(`an edit of ${start}..${end} outside a text of ${this.length}`);
    const pieces = this.whole !== undefined ? [this.whole] : this.pieces;
    const starts = this.whole !== undefined ? [0] : this.starts;
    const first = lineOfOffset(starts, start);
    const last = lineOfOffset(starts, end);
    const out: string[] = pieces.slice(0, first);
    const push = (piece: string) => {
      if (piece.length === 0) return;
      const previous = out.length - 1;
      // Small neighbours are joined (a copy of a few hundred characters), so typing does not pile up pieces.
      if (previous >= 0 && out[previous].length < SMALL_PIECE && piece.length < SMALL_PIECE) out[previous] += piece;
      else out.push(piece);
    };
    push(pieces[first].slice(0, start - starts[first]));
    push(inserted);
    push(pieces[last].slice(end - starts[last]));
    for (let i = last + 1; i < pieces.length; i++) push(pieces[i]);
    const length = this.length - removed + inserted.length;
    if (out.length > MAX_PIECES || out.length <= 1) return EditedText.of(out.join(''));
    const outStarts = new Array<number>(out.length);
    for (let i = 0, at = 0; i < out.length; at += out[i].length, i++) outStarts[i] = at;
    return new EditedText(out, outStarts, length);
  }

  charCodeAt(offset: number): number {
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    const k = lineOfOffset(this.starts, offset);
    return this.pieces[k].charCodeAt(offset - this.starts[k]);
  }

  /** The characters in [from, to), read from the pieces they lie in (the rest is not copied). */
  slice(from: number, to: number = this.length): string {
    if (this.whole !== undefined) return this.whole.slice(from, to);
    from = Math.max(0, Math.min(from, this.length));
    to = Math.max(from, Math.min(to, this.length));
    let out = '';
    for (let k = lineOfOffset(this.starts, from); k < this.pieces.length && this.starts[k] < to; k++) {
      out += this.pieces[k].slice(Math.max(0, from - this.starts[k]), to - this.starts[k]);
    }
    return out;
  }

  /** The whole text, joined once when first asked for. */
  toString(): string {
    return (this.whole ??= this.pieces.join(''));
  }
}
