// Finds bracketed spans `[text]{attrs}` inside one text block, skipping what pandoc reads as something else:
// escapes, code spans, math, raw HTML and autolinks, link destinations, footnote references, images.
import { parseAttributes, isEscapable, type AttributeBlock } from './attributes';

export interface SpanVisitor {
  /** A span from `open` (`[`) to `close` (`]`), attributes after it; called before the spans inside it. */
  span(open: number, close: number, attributes: AttributeBlock): void;
  /** `]{` whose attributes did not make a span. */
  strayAttributes?(at: number): void;
}

const BACKSLASH = 92, BACKTICK = 96, DOLLAR = 36, LESS = 60, OPEN = 91, CLOSE = 93, BANG = 33, CARET = 94;
const BRACE = 123, PAREN = 40, CLOSE_PAREN = 41;

const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@\\]+@[^\s<>\\]+>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/y;

/** Rare characters that start something other than a bracket: escapes, code, math, raw HTML, images, notes. */
const RARE_SPECIALS = ['\\', '`', '$', '<', '!', '^'];

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/**
 * The next offset at or after `from` of a character class, cached: scans mostly move forward, so one native
 * search serves many calls (an absent character is searched for once, not once per block). A step back,
 * into a span just matched, is answered by a short loop up to the known next occurrence.
 */
class NextOccurrence {
  private searchedFrom = Infinity;
  private at = -1;
  constructor(private readonly text: string, private readonly table: Uint8Array, private readonly find: (from: number) => number) {}

  /** The next occurrence at or after `from`; one at or past `end` may be reported as any value >= end or -1. */
  from(from: number, end: number): number {
    if (from >= this.searchedFrom) {
      if (this.at === -1 || this.at >= from) return this.at;
    } else if (this.searchedFrom !== Infinity) {
      // Only up to `end`: the caller ignores anything beyond, and the cached one may be far away.
      const until = Math.min(end, this.at === -1 ? this.searchedFrom : this.at);
      for (let i = from; i < until; i++) {
        const c = this.text.charCodeAt(i);
        if (c < 128 && this.table[c] === 1) return i;
      }
      return this.at;
    }
    this.at = this.find(from);
    this.searchedFrom = from;
    return this.at;
  }

  /** String.prototype.indexOf of one character is a vectorised search in V8, far faster than a regex class. */
  static ofChar(text: string, char: string): NextOccurrence {
    return new NextOccurrence(text, charTable(char), (from) => text.indexOf(char, from));
  }

}

/** The smaller of two offsets that are not -1, if below `end`; else -1. */
function earliest(end: number, a: number, b: number): number {
  let best = end;
  if (a !== -1 && a < best) best = a;
  if (b !== -1 && b < best) best = b;
  return best === end ? -1 : best;
}

const isWhite = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export class InlineScanner {
  private readonly opens: NextOccurrence;
  private readonly closes: NextOccurrence;
  private readonly rare: NextOccurrence[];

  constructor(private readonly text: string, private readonly visitor: SpanVisitor) {
    this.opens = NextOccurrence.ofChar(text, '[');
    this.closes = NextOccurrence.ofChar(text, ']');
    this.rare = RARE_SPECIALS.map((c) => NextOccurrence.ofChar(text, c));
  }

  /** The next `[`, `]` or rare special character in [from, end), or -1. */
  private nextSpecial(from: number, end: number): number {
    let best = earliest(end, this.opens.from(from, end), this.closes.from(from, end));
    const limit = best === -1 ? end : best;
    for (const rare of this.rare) {
      const at = rare.from(from, limit);
      if (at !== -1 && at < limit && (best === -1 || at < best)) best = at;
    }
    return best;
  }

  /** Visits every span in [start, end). */
  scan(start: number, end: number): void {
    const text = this.text;
    let i = start;
    while (i < end) {
      i = this.nextSpecial(i, end);
      if (i === -1) return;
      const c = text.charCodeAt(i);
      if (c === OPEN) i = this.bracket(i, end);
      else if (c === BANG) i = text.charCodeAt(i + 1) === OPEN ? this.image(i, end) : i + 1;
      else if (c === CARET) i = this.caret(i, end);
      else if (c === CLOSE) {
        if (text.charCodeAt(i + 1) === BRACE) this.visitor.strayAttributes?.(i);
        i++;
      } else i = this.skipOpaque(i, end);
    }
  }

  /** At `[`: a span, a link, a footnote reference, or a literal bracket. Returns where to go on. */
  private bracket(open: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(open + 1) === CARET) return open + 2;
    const close = this.matchBracket(open, end);
    if (close === -1) return open + 1;
    const after = text.charCodeAt(close + 1);
    if (after === BRACE) {
      const attributes = parseAttributes(text, close + 1, end);
      if (attributes) {
        this.visitor.span(open, close, attributes);
        this.scan(open + 1, close);
        return attributes.end;
      }
      return open + 1;
    }
    return this.linkRest(open, close, end, true);
  }

  /** `![alt](dest)`, `![alt][ref]` or `![alt]`: the alt text is scanned, anything after it is not a span. */
  private image(bang: number, end: number): number {
    const close = this.matchBracket(bang + 1, end);
    if (close === -1) return bang + 2;
    return this.linkRest(bang + 1, close, end, false);
  }

  /** After `[label]`: an inline link, a reference link, or a lone label (read as a reference or literal). */
  private linkRest(open: number, close: number, end: number, allowLoneLabel: boolean): number {
    const text = this.text;
    const after = text.charCodeAt(close + 1);
    let next = close + 1;
    if (after === PAREN) {
      const destinationEnd = this.linkDestination(close + 1, end);
      if (destinationEnd !== -1) {
        next = destinationEnd;
        const attributes = text.charCodeAt(next) === BRACE ? parseAttributes(text, next, end) : null;
        if (attributes) next = attributes.end;
      } else if (allowLoneLabel) return open + 1;
    } else if (after === OPEN) {
      const refClose = this.matchBracket(close + 1, end);
      if (refClose !== -1) next = refClose + 1;
    }
    this.scan(open + 1, close);
    return next;
  }

  /** `^text^` (superscript) or `^[note]` (inline note): both scanned, the note's brackets consumed. */
  private caret(at: number, end: number): number {
    const text = this.text;
    for (let j = at + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === CARET) {
        if (j > at + 1) {
          this.scan(at + 1, j);
          return j + 1;
        }
        break;
      }
      if (isWhite(c)) break;
      if (c === BACKSLASH) j++;
    }
    if (text.charCodeAt(at + 1) === OPEN) {
      const close = this.matchBracket(at + 1, end);
      if (close !== -1) {
        this.scan(at + 2, close);
        return close + 1;
      }
    }
    return at + 1;
  }

  /** `(destination "title")` starting at `(`; returns the offset past `)` or -1. */
  private linkDestination(paren: number, end: number): number {
    const text = this.text;
    let i = paren + 1;
    while (i < end && isWhite(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === LESS) {
      const gt = text.indexOf('>', i);
      if (gt === -1 || gt >= end) return -1;
      i = gt + 1;
    } else {
      let depth = 0;
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === BACKSLASH && isEscapable(text.charCodeAt(i + 1))) i += 2;
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
      const closing = q === PAREN ? CLOSE_PAREN : q;
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== closing) j += text.charCodeAt(j) === BACKSLASH ? 2 : 1;
      if (j >= end) return -1;
      i = j + 1;
      while (i < end && isWhite(text.charCodeAt(i))) i++;
    }
    return text.charCodeAt(i) === CLOSE_PAREN && i < end ? i + 1 : -1;
  }

  /** The `]` matching the `[` at `open`, counting nesting and skipping what pandoc skips; -1 if none. */
  matchBracket(open: number, end: number): number {
    const text = this.text;
    let depth = 1;
    let i = open + 1;
    while (i < end) {
      i = this.nextSpecial(i, end);
      if (i === -1) return -1;
      const c = text.charCodeAt(i);
      if (c === OPEN) (depth++, i++);
      else if (c === CLOSE) {
        if (--depth === 0) return i;
        i++;
      } else i = this.skipOpaque(i, end);
    }
    return -1;
  }

  /** At `\`, a backtick, `$` or `<`: the offset past the escape, code span, math or raw HTML (or past the char). */
  private skipOpaque(i: number, end: number): number {
    const c = this.text.charCodeAt(i);
    if (c === BACKSLASH) return i + 1 < end && isEscapable(this.text.charCodeAt(i + 1)) ? i + 2 : i + 1;
    if (c === BACKTICK) return this.codeSpan(i, end);
    if (c === DOLLAR) return this.math(i, end);
    if (c === LESS) return this.rawHtml(i, end);
    return i + 1;
  }

  private codeSpan(at: number, end: number): number {
    const text = this.text;
    let runEnd = at;
    while (runEnd < end && text.charCodeAt(runEnd) === BACKTICK) runEnd++;
    const length = runEnd - at;
    let i = runEnd;
    for (;;) {
      const next = text.indexOf('`', i);
      if (next === -1 || next >= end) return runEnd;
      let j = next;
      while (j < end && text.charCodeAt(j) === BACKTICK) j++;
      if (j - next === length) return j;
      i = j;
    }
  }

  private math(at: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(at + 1) === DOLLAR) {
      const close = text.indexOf('$$', at + 2);
      return close !== -1 && close + 2 <= end ? close + 2 : at + 2;
    }
    if (at + 1 >= end || isWhite(text.charCodeAt(at + 1))) return at + 1;
    // Pandoc: the first unescaped `$` closes; math fails if it follows a space or precedes a digit.
    for (let j = at + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) j++;
      else if (c === DOLLAR) {
        if (isWhite(text.charCodeAt(j - 1))) return at + 1;
        const after = text.charCodeAt(j + 1);
        return after >= 48 && after <= 57 ? at + 1 : j + 1;
      }
    }
    return at + 1;
  }

  private rawHtml(at: number, end: number): number {
    const text = this.text;
    if (text.startsWith('<!--', at)) {
      const close = text.indexOf('-->', at + 4);
      return close !== -1 && close + 3 <= end ? close + 3 : at + 1;
    }
    for (const pattern of [AUTOLINK, HTML_TAG]) {
      pattern.lastIndex = at;
      if (pattern.test(text) && pattern.lastIndex <= end) return pattern.lastIndex;
    }
    return at + 1;
  }
}
