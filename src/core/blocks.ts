// Block structure as pandoc's Markdown reader sees it, just deep enough to know where spans and divs can be:
// paragraphs and headings (scanned for spans), fenced divs, and what hides markup (code, HTML comments).
// Lines are addressed by index; `content[i]` is where line i's text starts once container prefixes
// (`>` of block quotes, list indentation) are stripped, so containers recurse on the same arrays.
import type { AttributeBlock } from './attributes';
import type { AttributeReader } from './attributeReader';
import { LeafBlocks } from './leafBlocks';
import { SPACE, TAB } from './lines';
import { workCounter } from './work';

export interface BlockSink {
  /** A paragraph or heading from `start` to `end` (raw offsets, container prefixes included). */
  textBlock(start: number, end: number, firstLine: number, lastLine: number, heading: boolean): void;
  /** A fenced div opened at `line`; returns a handle for divClosed. */
  divOpened(line: number, attributes: AttributeBlock): number;
  divClosed(handle: number, closingLine: number): void;
  /** A div with no closing fence: pandoc 3 closes it at the end of its container, after `lastLine`. */
  divUnclosed(handle: number, lastLine: number): void;
  /** Containers nested deeper than MAX_CONTAINER_DEPTH at `line`: the rest is read as text. */
  tooDeep(line: number): void;
}

/**
 * Block quotes, list items and notes nest at most this deep; deeper markers are read as text (with a
 * warning). Each level re-reads its lines, so the cap keeps the worst case linear; real documents nest
 * a handful of levels. Fenced divs have no cap: they nest on an explicit stack.
 */
export const MAX_CONTAINER_DEPTH = 32;

const COLON = 58, BACKTICK = 96, TILDE = 126, HASH = 35, GT = 62, LESS = 60;

/**
 * The fenced divs open at a top-level line, innermost first, as a shared chain (one node per opener, so a
 * snapshot per line costs nothing). With it a re-parse can resume inside divs, not only between them.
 */
export interface DivChain {
  /** Offset of the opening fence's line. */
  offset: number;
  parent: DivChain | null;
  depth: number;
}

export interface OpenDiv {
  handle: number;
  line: number;
  /** Its node in the chain of open divs (top level only). */
  node?: DivChain | null;
  /** Whether the text around the div was a list item's (a div's own content is not). */
  inList: boolean;
  attributes: AttributeBlock;
}

export class BlockParser extends LeafBlocks {
  /** Lines whose div fence never closes, with their attributes (pandoc 3 still reads them as divs). */
  readonly unclosedDivs = new Map<number, AttributeBlock>();
  private depth = 0;
  private reportedTooDeep = false;

  constructor(text: string, lineStarts: number[], sink: BlockSink, attributeReader?: AttributeReader) {
    super(text, lineStarts, sink, attributeReader);
  }

  /**
   * Lines where the top level starts afresh (no paragraph, div or container open): parsing from such a
   * line depends only on the lines after it, which is what makes re-parsing after an edit incremental.
   */
  readonly syncLines: number[] = [];
  /** For each sync line, the divs open there (null when none). */
  readonly syncStacks: (DivChain | null)[] = [];
  /** The divs still open where an incremental re-parse stopped (they go on as the previous parse had them). */
  openAtStop: OpenDiv[] = [];
  private initialDivs: OpenDiv[] = [];
  /** Added to the offsets of the div chains' nodes: a re-parse over a window of the text keeps them absolute. */
  chainBase = 0;
  /** Lines of openers (div, code fence, comment, metadata) that found no closer: text after them can change their parse. */
  private stopAt: ((line: number, open: DivChain | null) => boolean) | undefined;

  /**
   * Parses the document, or (for an incremental re-parse) from `fromLine`, inside the divs `initialDivs`
   * (outermost first), until `stopAt` accepts a sync line.
   */
  parse(fromLine?: number, stopAt?: (line: number, open: DivChain | null) => boolean, initialDivs: OpenDiv[] = []): number {
    this.stopAt = stopAt;
    this.initialDivs = initialDivs;
    const end = this.blocks(fromLine ?? this.frontMatterEnd(), this.lineStart.length, false, true);
    for (const line of this.unclosedDivs.keys()) this.unclosedLines.push(line);
    this.unclosedLines.sort((a, b) => a - b);
    return end === -1 ? this.lineStart.length : end;
  }

  /**
   * Parses lines [from, to) of one container. Fenced divs open and close on a stack here (no recursion);
   * one left open is closed at the end of the container, as pandoc 3 does. At the top level, returns the
   * line where `stopAt` ended an incremental re-parse, else -1.
   */
  private blocks(from: number, to: number, inList: boolean, topLevel = false): number {
    let paragraphStart = -1;
    let paragraphEnd = -1;
    // A one-line paragraph may be the term of a definition list; definitions follow it, a blank line between at most.
    let term = -1;
    const flush = () => {
      if (paragraphStart === -1) return;
      this.sink.textBlock(this.firstNonSpace(paragraphStart), this.lineEnd[paragraphEnd], paragraphStart, paragraphEnd, false);
      term = paragraphStart === paragraphEnd ? paragraphEnd : -1;
      paragraphStart = -1;
    };
    const divs: OpenDiv[] = topLevel ? this.initialDivs.slice() : [];
    let listContext = inList;
    let i = from;
    while (i < to) {
      workCounter.visits++;
      const inDiv = divs.length > 0;
      // A sync line must hold nothing pending: no paragraph, and no term waiting for its definition (a term
      // before a line that is no definition waits for nothing: one-line paragraphs are sync lines apart).
      if (topLevel && paragraphStart === -1 && (term === -1 || i - term > 2 || this.definitionMarkerEnd(i, this.firstNonSpace(i)) === -1)) {
        const open = inDiv ? divs[divs.length - 1].node ?? null : null;
        if (i > from && this.stopAt?.(i, open)) {
          this.openAtStop = divs;
          return i;
        }
        this.syncLines.push(i);
        this.syncStacks.push(open);
      }
      const p = this.firstNonSpace(i);
      const end = this.lineEnd[i];
      if (p >= end) {
        flush();
        i++;
        continue;
      }
      // A definition: `:` or `~` and a space, right after a term (or a blank line after it, or another definition).
      if ((paragraphStart === i - 1 && paragraphEnd === i - 1) || (paragraphStart === -1 && term !== -1 && i - term <= 2)) {
        const contentAt = this.definitionMarkerEnd(i, p);
        if (contentAt !== -1 && !this.tooDeepAt(i)) {
          flush();
          i = this.container(i, to, divs.length > 0, contentAt, 4, false);
          term = i - 1;
          while (term > 0 && this.isBlank(term)) term--;
          continue;
        }
      }
      if (paragraphStart === -1 && i - term > 2) term = -1;
      const inParagraph = paragraphStart !== -1;
      const indent = this.indent(i, p);
      const c = this.text.charCodeAt(p);
      if (!inParagraph && indent >= 4) {
        i = this.indentedCode(i, to);
        continue;
      }
      if (indent < 4) {
        if (inDiv && indent === 0 && c === COLON && this.isClosingFence(i)) {
          flush();
          const div = divs.pop()!;
          this.sink.divClosed(div.handle, i);
          listContext = div.inList;
          i++;
          continue;
        }
        // Text goes on over a fence unless it is a backtick fence at the very start of the line.
        if (inParagraph ? c === BACKTICK && indent === 0 : c === BACKTICK || c === TILDE) {
          const after = this.fencedCode(i, p, to);
          if (after !== -1) {
            flush();
            i = after;
            continue;
          }
        }
        if (!inParagraph && c === COLON && indent === 0) {
          const attributes = this.divOpener(i);
          if (attributes) {
            const parent = divs.length ? divs[divs.length - 1].node ?? null : null;
            const node = topLevel ? { offset: this.lineStart[i] + this.chainBase, parent, depth: (parent?.depth ?? 0) + 1 } : undefined;
            divs.push({ handle: this.sink.divOpened(i, attributes), line: i, inList: listContext, attributes, node });
            listContext = false;
            i++;
            continue;
          }
        }
        // Inside a list item a marker line starts a sub-list even right after text.
        const startsSubList = inParagraph && listContext && this.listMarkerEnd(i, p) !== -1;
        if (startsSubList) flush();
        if (!inParagraph || startsSubList) {
          const after = this.blockStartingAt(i, p, c, indent, to, inDiv, listContext);
          if (after !== -1) {
            i = after;
            continue;
          }
        }
      }
      // One line of text over a row of = or - is a setext heading, as in pandoc (a longer paragraph is not).
      if (!inParagraph && indent < 4 && i + 1 < to && this.isSetextUnderline(i + 1)) {
        this.sink.textBlock(p, this.lineEnd[i], i, i, true);
        i += 2;
        continue;
      }
      if (!inParagraph) paragraphStart = i;
      paragraphEnd = i;
      i++;
    }
    flush();
    while (divs.length) {
      const div = divs.pop()!;
      let last = to - 1;
      while (last > div.line && this.isBlank(last)) last--;
      this.unclosedDivs.set(div.line, div.attributes);
      this.sink.divUnclosed(div.handle, last);
    }
    return -1;
  }

  private isSetextUnderline(i: number): boolean {
    const p = this.firstNonSpace(i);
    const end = this.lineEnd[i];
    if (p >= end || this.indent(i, p) >= 4) return false;
    const c = this.text.charCodeAt(p);
    if (c !== 61 && c !== 45) return false;
    let q = p;
    while (q < end && this.text.charCodeAt(q) === c) q++;
    while (q < end && (this.text.charCodeAt(q) === 32 || this.text.charCodeAt(q) === 9)) q++;
    return q === end;
  }

  /** A block other than a paragraph starting at line i: the line after it, or -1 if none. */
  private blockStartingAt(i: number, p: number, c: number, indent: number, to: number, inDiv: boolean, inList: boolean): number {
    if (c === HASH && this.isHeading(p, this.lineEnd[i])) {
      let textStart = p;
      while (textStart < this.lineEnd[i] && /[# \t]/.test(this.text[textStart])) textStart++;
      this.sink.textBlock(textStart, this.lineEnd[i], i, i, true);
      return i + 1;
    }
    if (c === GT) return this.tooDeepAt(i) ? -1 : this.blockQuote(i, to, inDiv, inList);
    if (c === LESS && this.text.startsWith('<!--', p)) return this.htmlComment(i, p, to);
    if (c === 45 && indent === 0 && this.isMetadataStart(i)) {
      const close = this.metadataEnd(i + 1, to);
      if (close !== -1) return close;
    }
    if ((c === 45 || c === 42 || c === 95) && this.isRule(p, this.lineEnd[i])) return i + 1;
    if (i + 1 < to && this.hasPipe(i) && this.isPipeTableSeparator(i + 1)) return this.pipeTable(i, to);
    if (this.listMarkerEnd(i, p) !== -1) return this.tooDeepAt(i) ? -1 : this.list(i, to, inDiv);
    if (c === 91 && indent === 0 && !this.tooDeepAt(i)) {
      const note = /\[\^[^\]\s^[]+\]:[ \t]*/y;
      note.lastIndex = p;
      if (note.test(this.text) && note.lastIndex <= this.lineEnd[i]) return this.container(i, to, inDiv, note.lastIndex, 4, false);
    }
    return -1;
  }


  /** After a definition marker (`:` or `~`, up to 3 spaces before, a space or tab after): where its text starts, or -1. */
  private definitionMarkerEnd(i: number, p: number): number {
    const c = this.text.charCodeAt(p);
    if ((c !== COLON && c !== TILDE) || this.indent(i, p) >= 4) return -1;
    const after = this.text.charCodeAt(p + 1);
    if (after !== SPACE && after !== TAB) return -1;
    let q = p + 1;
    while (q < this.lineEnd[i] && (this.text.charCodeAt(q) === SPACE || this.text.charCodeAt(q) === TAB) && this.indent(i, q) < 4) q++;
    return q;
  }

  /** Whether a container may open at line i without passing the depth cap (reported once). */
  private tooDeepAt(i: number): boolean {
    if (this.depth < MAX_CONTAINER_DEPTH) return false;
    if (!this.reportedTooDeep) this.sink.tooDeep(i);
    this.reportedTooDeep = true;
    return true;
  }

  /** Lines starting with `>` plus their lazy continuations, until a blank line. */
  private blockQuote(i: number, to: number, inDiv: boolean, inList: boolean): number {
    let j = i;
    while (j < to && !this.isBlank(j)) {
      workCounter.visits++;
      if (j > i && !this.continuesLazily(j, inDiv, inList)) break;
      const p = this.firstNonSpace(j);
      if (this.text.charCodeAt(p) === GT && this.indent(j, p) < 4) {
        const after = p + 1;
        this.setContent(j, after < this.lineEnd[j] && this.text.charCodeAt(after) === SPACE ? after + 1 : after);
      }
      j++;
    }
    this.depth++;
    this.blocks(i, j, false);
    this.depth--;
    return j;
  }

  /** Whether line j, directly after text, goes on with it rather than starting something else. */
  private continuesLazily(j: number, inDiv: boolean, inList: boolean): boolean {
    const p = this.firstNonSpace(j);
    const c = this.text.charCodeAt(p);
    if (this.indent(j, p) >= 4) return true;
    if (c === GT) return true;
    if (inDiv && c === COLON && this.isClosingFence(j)) return false;
    if (c === BACKTICK && p === this.content[j] && this.fencedCode(j, p, this.lineCount()) !== -1) return false;
    if (inList && this.listMarkerEnd(j, p) !== -1) return false;
    return true;
  }


  /** Consecutive list items; each item's lines are stripped to its content column and parsed as blocks. */
  private list(i: number, to: number, inDiv: boolean): number {
    let item = i;
    while (item < to) {
      const p = this.firstNonSpace(item);
      const markerEnd = this.listMarkerEnd(item, p);
      if (markerEnd === -1 || this.indent(item, p) >= 4) break;
      const columnOfMarkerEnd = this.indent(item, markerEnd);
      let contentAt = markerEnd;
      while (contentAt < this.lineEnd[item] && this.text.charCodeAt(contentAt) === SPACE && contentAt - markerEnd < 4) contentAt++;
      const continuation = contentAt >= this.lineEnd[item] || contentAt - markerEnd >= 4 ? columnOfMarkerEnd + 1 : this.indent(item, contentAt);
      const j = this.container(item, to, inDiv, Math.min(contentAt, this.lineEnd[item]), continuation, true);
      item = j;
    }
    return item;
  }

  /**
   * A list item or footnote: its first line's content starts at `contentAt`, later lines belong when
   * indented by `continuation` columns (stripped) or when they lazily continue text. Returns the line after it.
   */
  private container(first: number, to: number, inDiv: boolean, contentAt: number, continuation: number, inList: boolean): number {
    this.setContent(first, contentAt);
    let j = first + 1;
    let previousBlank = false;
    while (j < to) {
      workCounter.visits++;
      if (this.isBlank(j)) {
        previousBlank = true;
        j++;
        continue;
      }
      const q = this.firstNonSpace(j);
      const indented = this.indent(j, q) >= continuation;
      if (indented) this.setContent(j, this.stripColumns(j, continuation));
      else if (previousBlank || !this.continuesLazily(j, inDiv, inList) || this.isClosingFence(j)) break;
      previousBlank = false;
      j++;
    }
    let last = j;
    while (last > first + 1 && this.isBlank(last - 1)) last--;
    this.depth++;
    this.blocks(first, last, inList);
    this.depth--;
    return j;
  }

}

