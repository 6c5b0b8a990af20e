// Finds bracketed spans `[text]{attrs}` inside one text block, skipping what pandoc reads as something else:
// escapes, code spans, math, raw HTML, raw TeX and autolinks, link destinations, footnotes, images.
// Linear on any input: nesting is an explicit stack of frames (no recursion the text controls), and which
// `]` closes a `[` is memoised per offset (see BracketMatcher), so no stretch of text is rescanned per opener.
import type { AttributeBlock, LineContent } from './attributes';
import { AttributeReader } from './attributeReader';
import { BracketMatcher } from './brackets';
import { Opaque } from './opaque';
import { workCounter } from './work';

export interface SpanVisitor {
  /** A span from `open` (`[`) to `close` (`]`), attributes after it; called before the spans inside it. */
  span(open: number, close: number, attributes: AttributeBlock): void;
  /** `]{` whose attributes did not make a span (`attributes`: what they read as, when already known). */
  strayAttributes?(at: number, end: number, attributes?: AttributeBlock | null): void;
  /** A stretch where markup is not read (code, math, raw HTML or TeX, a comment, a link destination). */
  opaque?(start: number, end: number): void;
}

const BACKSLASH = 92, OPEN = 91, CLOSE = 93, BANG = 33, CARET = 94, BRACE = 123, PAREN = 40, CLOSE_PAREN = 41, LESS = 60;

const isWhite = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class InlineScanner {
  private readonly opaque: Opaque;
  private readonly brackets: BracketMatcher;
  /** What the construct at hand reported: where scanning goes on, and the content to scan as a frame. */
  private next = 0;
  private failedAttributesAt = -1;
  private content = -1;
  private contentEnd = -1;
  /** Frames of nested content being scanned: where each ends, and where the enclosing scan resumes. */
  private readonly frameEnds: number[] = [];
  private readonly frameResumes: number[] = [];
  /** For the block being scanned, when its later lines sit behind container prefixes (see LineContent). */
  lineContent: LineContent | undefined;

  constructor(
    private readonly text: string,
    private readonly visitor: SpanVisitor,
    private readonly attributeReader = new AttributeReader(text),
  ) {
    this.opaque = new Opaque(text);
    this.brackets = new BracketMatcher(text, this.opaque);
  }

  /** Visits every span in [start, end), a whole text block. */
  scan(start: number, end: number): void {
    this.opaque.beginBlock(start, end);
    this.brackets.beginBlock(start, end);
    const text = this.text;
    const ends = this.frameEnds;
    const resumes = this.frameResumes;
    let depth = 0;
    let i = start;
    let frameEnd = end;
    for (;;) {
      if (i < frameEnd) i = this.opaque.nextSpecial(i, frameEnd, true);
      if (i === -1 || i >= frameEnd) {
        if (depth === 0) return;
        depth--;
        i = resumes[depth];
        frameEnd = ends[depth];
        continue;
      }
      workCounter.visits++;
      const c = text.charCodeAt(i);
      this.content = -1;
      if (c === OPEN) this.bracket(i, frameEnd);
      else if (c === BANG && text.charCodeAt(i + 1) === OPEN) {
        const close = this.brackets.match(i + 1, frameEnd);
        if (close === -1) this.next = i + 2;
        else this.found(this.linkRest(close, frameEnd), i + 2, close);
      } else if (c === CARET) this.caret(i, frameEnd);
      else if (c === CLOSE) {
        if (text.charCodeAt(i + 1) === BRACE) this.visitor.strayAttributes?.(i, frameEnd, this.failedAttributesAt === i + 1 ? null : undefined);
        this.next = i + 1;
      } else {
        this.next = this.opaque.skip(i, frameEnd);
        if (this.next > i + 2 || (this.next === i + 2 && text.charCodeAt(i) !== 92)) this.visitor.opaque?.(i, this.next);
      }
      const { next, content, contentEnd } = this;
      if (content !== -1 && contentEnd > content) {
        // Scan the content as a frame of its own, then resume after the construct.
        ends[depth] = frameEnd;
        resumes[depth] = next;
        depth++;
        frameEnd = contentEnd;
        i = content;
      } else i = Math.max(next, i + 1);
    }
  }

  /** Reports a construct whose content [content, contentEnd) is scanned before going on at `next`. */
  private found(next: number, content: number, contentEnd: number): void {
    this.next = next;
    this.content = content;
    this.contentEnd = contentEnd;
  }

  /** At `[`: a note reference, a span, a link, or a literal bracket. */
  private bracket(open: number, end: number): void {
    const text = this.text;
    const noteEnd = this.noteMarkerEnd(open, end);
    if (noteEnd !== -1) return void (this.next = noteEnd);
    const close = this.brackets.match(open, end);
    if (close === -1) return void (this.next = open + 1);
    if (text.charCodeAt(close + 1) === BRACE) {
      const attributes = this.attributeReader.read(close + 1, end, this.lineContent);
      if (!attributes) {
        // The scan reaches this `]{` again as stray attributes: they need not be read twice.
        this.failedAttributesAt = close + 1;
        return void (this.next = open + 1);
      }
      this.visitor.span(open, close, attributes);
      return this.found(attributes.end, open + 1, close);
    }
    const after = text.charCodeAt(close + 1);
    // A lone `[label]` is a reference or literal text; `[label](` that is no link leaves `[` literal.
    if (after === PAREN && this.linkDestination(close + 1, end) === -1) return void (this.next = open + 1);
    this.found(this.linkRest(close, end), open + 1, close);
  }

  /** Pandoc's note marker `[^label]` (no spaces, `^`, `[` or `]` in the label): the offset past it, or -1. */
  private noteMarkerEnd(open: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(open + 1) !== CARET) return -1;
    let j = open + 2;
    while (j < end) {
      const c = text.charCodeAt(j);
      if (c === CLOSE) return j > open + 2 ? j + 1 : -1;
      if (isWhite(c) || c === CARET || c === OPEN) return -1;
      j++;
    }
    return -1;
  }

  /** After `[label]` (or `![alt]`): where scanning goes on past an inline link's destination or a reference. */
  private linkRest(close: number, end: number): number {
    const text = this.text;
    const after = text.charCodeAt(close + 1);
    if (after === PAREN) {
      const destinationEnd = this.linkDestination(close + 1, end);
      if (destinationEnd === -1) return close + 1;
      this.visitor.opaque?.(close + 1, destinationEnd);
      const attributes = text.charCodeAt(destinationEnd) === BRACE ? this.attributeReader.read(destinationEnd, end, this.lineContent) : null;
      return attributes ? attributes.end : destinationEnd;
    }
    if (after === OPEN) {
      const refClose = this.brackets.match(close + 1, end);
      if (refClose !== -1) return refClose + 1;
    }
    return close + 1;
  }

  /**
   * At `^`: pandoc 3 tries an inline note `^[…]` first (not when `(`, `[` or attributes follow, as
   * `^[link](u)^` is a superscript), then a superscript `^text^` (no spaces), else the `^` is text.
   */
  private caret(at: number, end: number): void {
    const text = this.text;
    if (text.charCodeAt(at + 1) === OPEN) {
      const close = this.brackets.match(at + 1, end);
      if (close !== -1) {
        const after = text.charCodeAt(close + 1);
        const followed = after === PAREN || after === OPEN || (after === BRACE && this.attributeReader.read(close + 1, end, this.lineContent) !== null);
        if (!followed) return this.found(close + 1, at + 2, close);
      }
    }
    for (let j = at + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === CARET) {
        if (j > at + 1) return this.found(j + 1, at + 1, j);
        break;
      }
      if (isWhite(c)) break;
      if (c === BACKSLASH) j++;
    }
    this.next = at + 1;
  }

  /** `(destination "title")` starting at `(`; returns the offset past `)` or -1. */
  private linkDestination(paren: number, end: number): number {
    const text = this.text;
    let i = paren + 1;
    while (i < end && isWhite(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === LESS) {
      const gt = this.opaque.nextChar('>', i, end);
      if (gt === -1) return -1;
      i = gt + 1;
    } else {
      let depth = 0;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH) i += 2;
        else if (c === PAREN) (depth++, i++);
        else if (c === CLOSE_PAREN) {
          if (depth === 0) break;
          depth--;
          i++;
        } else if (isWhite(c)) break;
        else i++;
      }
    }
    while (i < end && isWhite(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39 || q === PAREN) {
      const closing = this.opaque.nextUnescaped(q === PAREN ? ')' : q === 34 ? '"' : "'", i + 1, end);
      if (closing === -1) return -1;
      i = closing + 1;
      while (i < end && isWhite(text.charCodeAt(i))) i++;
    }
    return i < end && text.charCodeAt(i) === CLOSE_PAREN ? i + 1 : -1;
  }
}

/** The stretches of [start, end) where pandoc reads no markup: code, math, raw HTML and TeX, comments, link destinations. */
export function opaqueRanges(text: string, start: number, end: number): [number, number][] {
  const ranges: [number, number][] = [];
  new InlineScanner(text, { span: () => {}, opaque: (from, to) => void ranges.push([from, to]) }).scan(start, end);
  return ranges;
}
