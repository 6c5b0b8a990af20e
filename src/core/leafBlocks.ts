// Leaf blocks as pandoc reads them, for the block parser: YAML metadata, fenced and indented code, pipe
// tables, HTML comments and the opening fences of divs. Searches for closers that may never come are
// cached, so repeating an unclosed opener does not rescan the rest of the document.
import type { AttributeBlock } from './attributes';
import { AttributeReader } from './attributeReader';
import type { BlockSink } from './blocks';
import { LineTable, SPACE, TAB } from './lines';
import { workCounter } from './work';

const COLON = 58, BACKTICK = 96;

export class LeafBlocks extends LineTable {
  /** Lines of openers (div, code fence, comment, metadata) that found no closer: text after them can change their parse. */
  readonly unclosedLines: number[] = [];
  private readonly commentClose = new CachedSearch();
  private readonly fenceSearches = new Map<string, CachedSearch>();
  private readonly noFenceCloser = new Map<number, { from: number; to: number; version: number; length: number }>();
  private readonly metadataSearch = new CachedSearch();

  constructor(
    text: string,
    lineStarts: number[],
    protected readonly sink: BlockSink,
    protected readonly attributeReader = new AttributeReader(text),
  ) {
    super(text, lineStarts);
  }

  /** A YAML metadata block at the top is not document text. */
  protected frontMatterEnd(): number {
    return this.isMetadataStart(0) ? Math.max(0, this.metadataEnd(1, this.lineCount())) : 0;
  }

  /** `---` followed directly by a YAML key: a metadata block (pandoc allows one anywhere after a blank line). */
  protected isMetadataStart(i: number): boolean {
    return i + 1 < this.lineCount() && /^---[ \t]*$/.test(this.lineText(i)) && /^[ \t]*[\w"'-][^:\n]*:([ \t]|$)/.test(this.lineText(i + 1));
  }

  /** The line after the block's closing `---` or `...`, or -1. */
  protected metadataEnd(from: number, to: number): number {
    if (from < to && this.isBlank(from)) return -1;
    const close = this.metadataSearch.find(from, to, this.contentVersion, (i) => /^(---|\.\.\.)[ \t]*$/.test(this.lineText(i)));
    if (close !== -1) return close + 1;
    this.unclosedLines.push(from - 1);
    return -1;
  }








  /** The attributes of a div's opening fence on line i (`:::` and `{…}` or a bare class), or null. */
  protected divOpener(i: number): AttributeBlock | null {
    const text = this.text;
    const end = this.lineEnd[i];
    let q = this.content[i];
    while (q < end && text.charCodeAt(q) === COLON) q++;
    if (q - this.content[i] < 3) return null;
    while (q < end && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
    let attributes: AttributeBlock | null;
    if (text.charCodeAt(q) === 123) attributes = this.attributeReader.read(q, end);
    else {
      const word = /[^\s{}:]+/y;
      word.lastIndex = q;
      attributes = word.test(text) && word.lastIndex <= end ? { id: '', classes: [text.slice(q, word.lastIndex)], pairs: [], start: q, end: word.lastIndex } : null;
    }
    if (!attributes) return null;
    // After the attributes: spaces, optionally more colons, spaces, and nothing else.
    let r = attributes.end;
    while (r < end && (text.charCodeAt(r) === SPACE || text.charCodeAt(r) === TAB)) r++;
    while (r < end && text.charCodeAt(r) === COLON) r++;
    while (r < end && (text.charCodeAt(r) === SPACE || text.charCodeAt(r) === TAB || text.charCodeAt(r) === 13)) r++;
    return r === end ? attributes : null;
  }

  protected fencedCode(i: number, p: number, to: number): number {
    const text = this.text;
    const fence = text.charCodeAt(p);
    const end = this.lineEnd[i];
    let q = p;
    while (q < end && text.charCodeAt(q) === fence) q++;
    const length = q - p;
    if (length < 3 || (fence === BACKTICK && text.indexOf('`', q) !== -1 && text.indexOf('`', q) < end)) return -1;
    // No closer of some length before `to` means none of any greater length either.
    const none = this.noFenceCloser.get(fence);
    if (none && none.to === to && none.version === this.contentVersion && i + 1 >= none.from && length >= none.length) {
      this.unclosedLines.push(i);
      return -1;
    }
    const key = `${fence}:${length}`;
    let search = this.fenceSearches.get(key);
    if (!search) this.fenceSearches.set(key, (search = new CachedSearch()));
    const close = search.find(i + 1, to, this.contentVersion, (j) => {
      const r = this.firstNonSpace(j);
      if (this.indent(j, r) >= 4 || text.charCodeAt(r) !== fence) return false;
      let s = r;
      while (s < this.lineEnd[j] && text.charCodeAt(s) === fence) s++;
      return s - r >= length && this.firstNonSpaceFrom(j, s) >= this.lineEnd[j];
    });
    if (close !== -1) return close + 1;
    if (!none || none.to !== to || none.version !== this.contentVersion || i + 1 < none.from || length < none.length) this.noFenceCloser.set(fence, { from: i + 1, to, version: this.contentVersion, length });
    this.unclosedLines.push(i);
    return -1;
  }


  protected indentedCode(i: number, to: number): number {
    let j = i + 1;
    while (j < to && (this.isBlank(j) || this.indent(j, this.firstNonSpace(j)) >= 4)) j++;
    workCounter.visits += j - i;
    return j;
  }



  private pipeSearchedFrom = Infinity;
  private nextPipe = -1;

  /** Whether line i has a `|`; the next `|` is cached, as a search for an absent one would scan to the end. */
  protected hasPipe(i: number): boolean {
    const from = this.content[i];
    if (this.pipeSearchedFrom > from || (this.nextPipe !== -1 && this.nextPipe < from)) {
      this.nextPipe = this.text.indexOf('|', from);
      this.pipeSearchedFrom = from;
    }
    return this.nextPipe !== -1 && this.nextPipe < this.lineEnd[i];
  }

  protected isPipeTableSeparator(i: number): boolean {
    if (!this.hasPipe(i)) return false;
    const line = this.lineText(i);
    return line.includes('|') && /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/.test(line);
  }

  /** A pipe table: pandoc reads each cell on its own, so a span cannot cross a `|` or a row. */
  protected pipeTable(i: number, to: number): number {
    let j = i;
    while (j < to && !this.isBlank(j)) {
      workCounter.visits += this.lineEnd[j] - this.lineStart[j];
      if (j !== i + 1) this.tableCells(j);
      j++;
    }
    return j;
  }

  private tableCells(i: number): void {
    const text = this.text;
    const end = this.lineEnd[i];
    let cellStart = this.firstNonSpace(i);
    if (text.charCodeAt(cellStart) === 124) cellStart++;
    for (let q = cellStart; q <= end; q++) {
      const c = q < end ? text.charCodeAt(q) : 124;
      if (c === 92) q++;
      else if (c === 124) {
        let from = cellStart;
        let until = q;
        while (from < until && (text.charCodeAt(from) === SPACE || text.charCodeAt(from) === TAB)) from++;
        while (until > from && /[ \t\r]/.test(text[until - 1])) until--;
        if (until > from) this.sink.textBlock(from, until, i, i, false);
        cellStart = q + 1;
      }
    }
  }

  protected htmlComment(i: number, p: number, to: number): number {
    const close = this.commentClose.indexOf(this.text, '-->', p + 4);
    if (close === -1 || to <= 0 || close > this.lineEnd[to - 1]) {
      this.unclosedLines.push(i);
      return -1;
    }
    let j = i;
    while (j < to && this.lineEnd[j] < close) j++;
    return j + 1;
  }

}

/**
 * A forward search over lines (or offsets) whose last answer is reused: a later search from inside the
 * stretch already searched, with the same bound and line contents, has the same answer. Without it every
 * unclosed opener would search to the end again.
 */
class CachedSearch {
  private from = Infinity;
  private to = -1;
  private version = -1;
  private found = -1;

  find(from: number, to: number, version: number, matches: (line: number) => boolean): number {
    if (version === this.version && to === this.to && from >= this.from && (this.found === -1 || this.found >= from)) return this.found;
    let found = -1;
    for (let j = from; j < to; j++) {
      if (matches(j)) {
        found = j;
        break;
      }
    }
    workCounter.visits += (found === -1 ? to : found) - from;
    Object.assign(this, { from, to, version, found });
    return found;
  }

  indexOf(text: string, needle: string, from: number): number {
    if (this.version === 0 && from >= this.from && (this.found === -1 || this.found >= from)) return this.found;
    const found = text.indexOf(needle, from);
    Object.assign(this, { from, to: -1, version: 0, found });
    return found;
  }
}
