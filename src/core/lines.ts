// The lines of a document as the block parser sees them: where each starts and ends, where its text starts
// inside containers (block quote markers and list indentation stripped), and what kind of line it is.
import { workCounter } from './work';

export const SPACE = 32, TAB = 9;
const HASH = 35;
const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)]|#[.)]|[a-zA-Z][.)]|\((?:\d{1,9}|#|[a-zA-Z]|[ivxlcdmIVXLCDM]+)\)|[ivxlcdmIVXLCDM]+[.)])(?=[ \t\r\n]|$)/y;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

export class LineTable {
  readonly lineStart: number[];
  readonly lineEnd: number[];
  protected readonly content: number[];
  /** Bumped whenever a line's content start changes, so cached searches over lines know to start again. */
  protected contentVersion = 1;

  constructor(protected readonly text: string, lineStarts: number[]) {
    this.lineStart = lineStarts;
    const n = lineStarts.length;
    const ends = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      let end = i + 1 < n ? lineStarts[i + 1] - 1 : text.length;
      if (end > lineStarts[i] && text.charCodeAt(end - 1) === 13) end--;
      ends[i] = end;
    }
    this.lineEnd = ends;
    this.content = lineStarts.slice();
  }

  /** Where line i's text starts inside its containers. */
  contentStartOf(i: number): number {
    return this.content[i];
  }

  protected setContent(i: number, offset: number): void {
    if (this.content[i] === offset) return;
    this.content[i] = offset;
    this.contentVersion++;
  }

  protected lineCount() {
    return this.lineStart.length;
  }

  protected lineText(i: number) {
    return this.text.slice(this.content[i], this.lineEnd[i]);
  }

  /**
   * Per line, where its leading whitespace ends and whether it holds a tab (-1: not yet known). Nested
   * containers ask about the same indentation once per level; this answers them without rescanning it.
   */
  private leadEnd: Int32Array | undefined;
  private leadHasTab: Uint8Array | undefined;

  private leadingWhitespaceEnd(i: number): number {
    if (!this.leadEnd) {
      this.leadEnd = new Int32Array(this.lineStart.length).fill(-1);
      this.leadHasTab = new Uint8Array(this.lineStart.length);
    }
    let p = this.leadEnd[i];
    if (p !== -1) return p;
    const end = this.lineEnd[i];
    let tab = 0;
    p = this.lineStart[i];
    while (p < end) {
      const c = this.text.charCodeAt(p);
      if (c === TAB) tab = 1;
      else if (c !== SPACE && c !== 13) break;
      p++;
    }
    this.leadHasTab![i] = tab;
    this.leadEnd[i] = p;
    workCounter.visits += p - this.lineStart[i];
    return p;
  }

  /** Offset of the first non-space character of line i (its content end when blank). */
  protected firstNonSpace(i: number): number {
    const end = this.lineEnd[i];
    let p = this.content[i];
    if (p <= this.leadingWhitespaceEnd(i)) return this.leadEnd![i];
    const from = p;
    while (p < end) {
      const c = this.text.charCodeAt(p);
      if (c !== SPACE && c !== TAB && c !== 13) break;
      p++;
    }
    workCounter.visits += p - from;
    return p;
  }

  protected isBlank(i: number): boolean {
    return this.firstNonSpace(i) >= this.lineEnd[i];
  }

  /** Columns of indentation before `p` on line i (tabs to multiples of 4). */
  protected indent(i: number, p: number): number {
    const from = this.content[i];
    if (p <= this.leadingWhitespaceEnd(i) && this.leadHasTab![i] === 0) return Math.max(0, p - from);
    let column = 0;
    workCounter.visits += p - from;
    for (let q = this.content[i]; q < p; q++) column = this.text.charCodeAt(q) === TAB ? column + 4 - (column % 4) : column + 1;
    return column;
  }

  protected firstNonSpaceFrom(i: number, from: number): number {
    const end = this.lineEnd[i];
    let p = from;
    while (p < end && /[ \t\r]/.test(this.text[p])) p++;
    return p;
  }

  protected isHeading(p: number, end: number): boolean {
    let q = p;
    while (q < end && this.text.charCodeAt(q) === HASH) q++;
    return q - p <= 6 && (q === end || this.text.charCodeAt(q) === SPACE || this.text.charCodeAt(q) === TAB);
  }

  /** A rule: three or more of one of `-*_`, spaces between, nothing else. Linear in the line, no regex. */
  protected isRule(p: number, end: number): boolean {
    const rule = this.text.charCodeAt(p);
    // Nested list markers ask again for the same line from further in: the first stranger answers them all.
    if (this.ruleMiss.end === end && this.ruleMiss.char === rule && p >= this.ruleMiss.from && p < this.ruleMiss.stranger) return false;
    let count = 0;
    for (let q = p; q < end; q++) {
      workCounter.visits++;
      const c = this.text.charCodeAt(q);
      if (c === rule) count++;
      else if (c !== SPACE && c !== TAB) {
        this.ruleMiss = { end, char: rule, from: p, stranger: q };
        return false;
      }
    }
    return count >= 3;
  }

  private ruleMiss = { end: -1, char: 0, from: 0, stranger: 0 };

  /** Offset past a list marker and its following space at p, or -1. */
  protected listMarkerEnd(i: number, p: number): number {
    const end = this.lineEnd[i];
    const c = this.text.charCodeAt(p);
    // Most lines start with a letter that is no marker: decide those without a regex.
    if (!(c === 45 || c === 43 || c === 42 || c === 35 || c === 40 || (c >= 48 && c <= 57))) {
      let q = p;
      while (q < end && q - p < 8 && isAsciiLetter(this.text.charCodeAt(q))) q++;
      const after = this.text.charCodeAt(q);
      if (q === p || (after !== 46 && after !== 41)) return -1;
    }
    LIST_MARKER.lastIndex = p;
    const found = LIST_MARKER.exec(this.text);
    if (!found || LIST_MARKER.lastIndex > end) return -1;
    // An upper-case letter with a period needs two spaces after it (so "A. Smith" stays text).
    if (/^[A-Z]\.$/.test(found[0]) && !this.text.startsWith('  ', p + 2)) return -1;
    return LIST_MARKER.lastIndex;
  }

  /** The offset on line j after `columns` columns of indentation. */
  protected stripColumns(j: number, columns: number): number {
    let column = 0;
    let q = this.content[j];
    while (column < columns && q < this.lineEnd[j]) {
      const c = this.text.charCodeAt(q);
      if (c === SPACE) column++;
      else if (c === TAB) column += 4 - (column % 4);
      else break;
      q++;
    }
    return q;
  }

  /** `:::` (three or more colons) and nothing but spaces after them. */
  protected isClosingFence(i: number): boolean {
    const end = this.lineEnd[i];
    let q = this.content[i];
    while (q < end && this.text.charCodeAt(q) === 58) q++;
    if (q - this.content[i] < 3) return false;
    while (q < end && (this.text.charCodeAt(q) === SPACE || this.text.charCodeAt(q) === TAB || this.text.charCodeAt(q) === 13)) q++;
    return q === end;
  }
}
