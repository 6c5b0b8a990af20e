// What hides brackets inside a text block, as pandoc reads it: backslash escapes, code spans, math, raw
// HTML, HTML comments, autolinks and raw TeX commands. Each search that could run far (a closer that never
// comes) is cached per block, so repeating an unclosed opener does not rescan the rest of the block.
import { isEscapable } from './attributes';
import { workCounter } from './work';

const BACKSLASH = 92, BACKTICK = 96, DOLLAR = 36, LESS = 60, BRACE = 123, CLOSE_BRACE = 125, OPEN = 91, STAR = 42;

const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@\\]+@[^\s<>\\]+>/y;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/y;

const isWhite = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

/** Characters that start something in the main scan; the bracket walk ignores `!` and `^`. */
const MAIN_SPECIALS = ['[', ']', '\\', '`', '$', '<', '!', '^'];
const WALK_SPECIALS = ['[', ']', '\\', '`', '$', '<'];
const SPECIAL = charTable('[]\\`$<');
const MAIN_SPECIAL = charTable('[]\\`$<!^');

/**
 * The next offset at or after `from` of one character, cached: scans mostly move forward, so one native
 * search serves many calls. A step back is answered by a short loop up to the known next occurrence.
 */
export class NextOccurrence {
  private searchedFrom = Infinity;
  private at = -1;
  constructor(private readonly text: string, private readonly char: string) {}

  from(from: number, end: number): number {
    if (from >= this.searchedFrom) {
      if (this.at === -1 || this.at >= from) return this.at;
    } else if (this.searchedFrom !== Infinity) {
      const until = Math.min(end, this.at === -1 ? this.searchedFrom : this.at);
      const code = this.char.charCodeAt(0);
      for (let i = from; i < until; i++) if (this.text.charCodeAt(i) === code) return i;
      workCounter.visits += until - from;
      return this.at;
    }
    this.at = this.text.indexOf(this.char, from);
    this.searchedFrom = from;
    workCounter.visits++;
    return this.at;
  }
}

/** The next occurrence of a fixed string, remembering the last search (for closers that may never come). */
class NextString {
  private searchedFrom = Infinity;
  private at = -1;
  constructor(private readonly text: string, private readonly needle: string) {}

  from(from: number): number {
    if (from >= this.searchedFrom && (this.at === -1 || this.at >= from)) return this.at;
    this.at = this.text.indexOf(this.needle, from);
    this.searchedFrom = from;
    workCounter.visits++;
    return this.at;
  }
}

export class Opaque {
  private readonly main: NextOccurrence[];
  private readonly walk: NextOccurrence[];
  private readonly chars = new Map<string, NextOccurrence>();
  private readonly commentClose: NextString;
  private readonly displayMath: NextString;
  /** Per block: code span closers by run length, `\end{…}` by environment, and matched braces. */
  private readonly codeClosers = new Map<number, { from: number; at: number }>();
  private readonly environments = new Map<string, NextString>();
  private braces: Map<number, number> | undefined;
  private blockStart = 0;
  private blockEnd = 0;

  constructor(private readonly text: string) {
    this.main = MAIN_SPECIALS.map((c) => new NextOccurrence(text, c));
    this.walk = WALK_SPECIALS.map((c) => new NextOccurrence(text, c));
    this.commentClose = new NextString(text, '-->');
    this.displayMath = new NextString(text, '$$');
  }

  beginBlock(start: number, end: number): void {
    this.blockStart = start;
    this.blockEnd = end;
    // Map.clear() allocates a fresh table in V8: only when there is something to forget.
    if (this.codeClosers.size) this.codeClosers.clear();
    if (this.environments.size) this.environments.clear();
    this.braces = undefined;
  }

  isSpecial(c: number): boolean {
    return c < 128 && SPECIAL[c] === 1;
  }

  /** The next special character in [from, end), or -1 (the main scan also stops at `!` and `^`). */
  nextSpecial(from: number, end: number, mainScan: boolean): number {
    // Dense markup: the character at hand is often special itself.
    const c = this.text.charCodeAt(from);
    if (c < 128 && (mainScan ? MAIN_SPECIAL : SPECIAL)[c] === 1) return from < end ? from : -1;
    let best = -1;
    for (const finder of mainScan ? this.main : this.walk) {
      const at = finder.from(from, best === -1 ? end : best);
      if (at !== -1 && at < end && (best === -1 || at < best)) best = at;
    }
    return best;
  }

  /** The next `char` in [from, end), or -1. */
  nextChar(char: string, from: number, end: number): number {
    let finder = this.chars.get(char);
    if (!finder) this.chars.set(char, (finder = new NextOccurrence(this.text, char)));
    const at = finder.from(from, end);
    return at !== -1 && at < end ? at : -1;
  }

  /** The next `char` in [from, end) not escaped by a backslash (counting from `from`), or -1. */
  nextUnescaped(char: string, from: number, end: number): number {
    let at = this.nextChar(char, from, end);
    while (at !== -1) {
      let backslashes = 0;
      while (at - backslashes - 1 >= from && this.text.charCodeAt(at - backslashes - 1) === BACKSLASH) backslashes++;
      workCounter.visits += backslashes;
      if (backslashes % 2 === 0) return at;
      at = this.nextChar(char, at + 1, end);
    }
    return -1;
  }

  /** At a special character that is not a bracket: the offset past the escape, code, math, HTML or TeX. */
  skip(i: number, end: number): number {
    const c = this.text.charCodeAt(i);
    if (c === BACKSLASH) {
      const next = this.text.charCodeAt(i + 1);
      if (i + 1 < end && isEscapable(next)) return i + 2;
      return isAsciiLetter(next) ? this.rawTex(i, end) : i + 1;
    }
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
    const cached = this.codeClosers.get(length);
    let closer: number;
    if (cached && cached.from <= runEnd && (cached.at === -1 || cached.at >= runEnd)) closer = cached.at;
    else {
      closer = -1;
      let i = runEnd;
      for (;;) {
        const next = text.indexOf('`', i);
        workCounter.visits++;
        if (next === -1 || next >= this.blockEnd) break;
        let j = next;
        while (j < this.blockEnd && text.charCodeAt(j) === BACKTICK) j++;
        workCounter.visits += j - next;
        if (j - next === length) {
          closer = next;
          break;
        }
        i = j;
      }
      this.codeClosers.set(length, { from: runEnd, at: closer });
    }
    return closer !== -1 && closer + length <= end ? closer + length : runEnd;
  }

  private math(at: number, end: number): number {
    const text = this.text;
    if (text.charCodeAt(at + 1) === DOLLAR) {
      const close = this.displayMath.from(at + 2);
      return close !== -1 && close + 2 <= end ? close + 2 : at + 2;
    }
    if (at + 1 >= end || isWhite(text.charCodeAt(at + 1))) return at + 1;
    // Pandoc: the first unescaped `$` closes; math fails if it follows a space or precedes a digit.
    for (let j = at + 1; j < end; j++) {
      const c = text.charCodeAt(j);
      if (c === BACKSLASH) j++;
      else if (c === DOLLAR) {
        workCounter.visits += j - at;
        if (isWhite(text.charCodeAt(j - 1))) return at + 1;
        const after = text.charCodeAt(j + 1);
        return after >= 48 && after <= 57 ? at + 1 : j + 1;
      }
    }
    workCounter.visits += end - at;
    return at + 1;
  }

  private rawHtml(at: number, end: number): number {
    const text = this.text;
    if (text.startsWith('<!--', at)) {
      const close = this.commentClose.from(at + 4);
      return close !== -1 && close + 3 <= end ? close + 3 : at + 1;
    }
    for (const pattern of [AUTOLINK, HTML_TAG]) {
      pattern.lastIndex = at;
      if (pattern.test(text) && pattern.lastIndex <= end) return pattern.lastIndex;
    }
    return at + 1;
  }

  /**
   * A raw TeX command `\name`, with optional `[…]` and then `{…}` arguments right after it (or the spaces
   * after a bare command), or an environment `\begin{x}…\end{x}`: pandoc keeps these as raw TeX, which
   * hides any brackets inside. Returns `i + 1` where pandoc would read the backslash as text.
   */
  private rawTex(i: number, end: number): number {
    const text = this.text;
    let j = i + 1;
    while (j < end && isAsciiLetter(text.charCodeAt(j))) j++;
    const name = text.slice(i + 1, j);
    if (name === 'end') return i + 1;
    if (name === 'begin') return this.environment(i, j, end);
    if (text.charCodeAt(j) === STAR) j++;
    let k = j;
    while (k < end && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
    let sawArgument = false;
    while (text.charCodeAt(k) === OPEN) {
      const close = this.nextChar(']', k + 1, end);
      if (close === -1) break;
      k = close + 1;
      sawArgument = true;
    }
    while (text.charCodeAt(k) === BRACE) {
      const close = this.matchingBrace(k);
      if (close === -1 || close >= end) return sawArgument ? k : i + 1;
      k = close + 1;
      sawArgument = true;
    }
    return k;
  }

  /** `\begin{name}` … `\end{name}`; `\begin` without its `\end` in the block is text. */
  private environment(i: number, afterBegin: number, end: number): number {
    if (this.text.charCodeAt(afterBegin) !== BRACE) return i + 1;
    const close = this.matchingBrace(afterBegin);
    if (close === -1 || close >= end) return i + 1;
    const closer = `\\end{${this.text.slice(afterBegin + 1, close)}}`;
    let finder = this.environments.get(closer);
    if (!finder) this.environments.set(closer, (finder = new NextString(this.text, closer)));
    const at = finder.from(close + 1);
    return at !== -1 && at + closer.length <= end ? at + closer.length : i + 1;
  }

  /** The `}` matching the `{` at `open` in this block (backslash escapes skipped), or -1; one pass per block. */
  private matchingBrace(open: number): number {
    if (!this.braces) {
      const braces = new Map<number, number>();
      const stack: number[] = [];
      const text = this.text;
      for (let p = this.blockStart; p < this.blockEnd; p++) {
        const c = text.charCodeAt(p);
        if (c === BACKSLASH) p++;
        else if (c === BRACE) stack.push(p);
        else if (c === CLOSE_BRACE && stack.length) braces.set(stack.pop()!, p);
      }
      workCounter.visits += this.blockEnd - this.blockStart;
      this.braces = braces;
    }
    return this.braces.get(open) ?? -1;
  }
}
