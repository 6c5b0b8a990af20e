import { workCounter } from './work';

// Pandoc's attribute list `{#id .class key=value key="quoted value"}`, read the way pandoc reads it.

export interface KeyValue {
  key: string;
  value: string;
  /** Offsets of the whole `key=value` and of the value as written (quotes included). */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
}

export interface AttributeBlock {
  id: string;
  classes: string[];
  pairs: KeyValue[];
  /** Offset of `{` and just past `}`. */
  start: number;
  end: number;
}

const BACKSLASH = 92;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const isSpaceOrTab = (c: number) => c === 32 || c === 9;
const isLineBreak = (c: number) => c === 10 || c === 13;
const isAsciiAlphaNumeric = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Pandoc escapes any ASCII character that is not alphanumeric (all_symbols_escapable). */
export function isEscapable(c: number): boolean {
  return c > 32 && c < 127 && !isAsciiAlphaNumeric(c);
}

const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** In attribute values pandoc's escapedChar' takes any character but a line break or an alphanumeric (space too). */
function isValueEscapable(c: number): boolean {
  if (c < 128) return c !== 10 && c !== 13 && !isAsciiAlphaNumeric(c);
  return !ALPHANUMERIC.test(String.fromCharCode(c));
}

const LETTER = /\p{L}/u;
const IDENTIFIER_REST = /[\p{L}\p{N}\-_:.]/u;

function isIdentifierStart(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCharCode(c));
}

function isIdentifierRest(c: number): boolean {
  if (c < 128) return isAsciiAlphaNumeric(c) || c === 45 || c === 95 || c === 58 || c === 46;
  return IDENTIFIER_REST.test(String.fromCharCode(c));
}

/** End of the identifier starting at `at`, or -1 when none starts there. */
function identifierEnd(text: string, at: number, limit: number): number {
  if (at >= limit || !isIdentifierStart(text.charCodeAt(at))) return -1;
  let i = at + 1;
  while (i < limit && isIdentifierRest(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where the text of the line starting at `lineStart` begins once its container prefixes (`> `, a list
 * item's indentation) are taken off, as pandoc takes them off before it reads inline markup.
 */
export type LineContent = (lineStart: number) => number;

/** Pandoc's `spnl`: spaces, at most one line break, spaces; fails (-1) before a blank line. */
function skipSpaceAndOneNewline(text: string, at: number, limit: number, lineContent?: LineContent): number {
  let i = at;
  while (i < limit && isSpaceOrTab(text.charCodeAt(i))) i++;
  if (i < limit && text.charCodeAt(i) === 13) i++;
  if (i < limit && text.charCodeAt(i) === 10) {
    i++;
    if (lineContent) i = Math.min(limit, lineContent(i));
    while (i < limit && isSpaceOrTab(text.charCodeAt(i))) i++;
    if (i < limit && isLineBreak(text.charCodeAt(i))) return -1;
  }
  return i;
}

/** Most attribute lists have no class: they share one empty, frozen list until a class comes. */
const NO_CLASSES: string[] = Object.freeze([]) as unknown as string[];

function addClass(block: AttributeBlock, name: string): void {
  if (block.classes === NO_CLASSES) block.classes = [];
  block.classes.push(name);
}

/** What a reading of a list noticed besides the list itself (see AttributeReader). */
export interface AttributeReadNotes {
  /**
   * A quote it could not close: it then looked past the list's end (for a closing quote, up to the limit) and
   * read the quote as text, so the same list may read otherwise elsewhere.
   */
  unclosedQuote: boolean;
}

/** Parses `{...}` at `open`; null when pandoc would not read attributes there. `notes`, when given, is filled in. */
export function parseAttributes(text: string, open: number, limit: number, lineContent?: LineContent, notes?: AttributeReadNotes): AttributeBlock | null {
  if (notes) notes.unclosedQuote = false;
  if (text.charCodeAt(open) !== 123) return null;
  const block: AttributeBlock = { id: '', classes: NO_CLASSES, pairs: [], start: open, end: -1 };
  let i = skipSpaceAndOneNewline(text, open + 1, limit, lineContent);
  while (i !== -1 && i < limit) {
    const c = text.charCodeAt(i);
    if (c === 125) {
      block.end = i + 1;
      workCounter.visits += block.end - open;
      return block;
    }
    const next = readAttribute(text, i, limit, block, lineContent, notes);
    if (next === -1) return null;
    i = skipSpaceAndOneNewline(text, next, limit, lineContent);
  }
  return null;
}

function readAttribute(text: string, at: number, limit: number, block: AttributeBlock, lineContent: LineContent | undefined, notes: AttributeReadNotes | undefined): number {
  const c = text.charCodeAt(at);
  if (c === 35) {
    // An id is any run of letters, digits and - _ : . (pandoc 3 accepts "#1x", see its issue #7920).
    let end = at + 1;
    while (end < limit && isIdentifierRest(text.charCodeAt(end))) end++;
    if (end === at + 1) return -1;
    block.id = text.slice(at + 1, end);
    return end;
  }
  if (c === 46) {
    const end = identifierEnd(text, at + 1, limit);
    if (end === -1) return -1;
    addClass(block, text.slice(at + 1, end));
    return end;
  }
  if (c === 45) {
    addClass(block, 'unnumbered');
    return at + 1;
  }
  const keyEnd = identifierEnd(text, at, limit);
  if (keyEnd === -1 || text.charCodeAt(keyEnd) !== 61) return -1;
  const key = text.slice(at, keyEnd);
  const valueStart = keyEnd + 1;
  const quoted = readQuoted(text, valueStart, limit, lineContent);
  if (notes && !quoted && (text.charCodeAt(valueStart) === 34 || text.charCodeAt(valueStart) === 39)) notes.unclosedQuote = true;
  const value = quoted ?? readUnquoted(text, valueStart, limit);
  if (key === 'id') block.id = value.text;
  else if (key === 'class') {
    for (const name of value.text.split(/\s+/)) if (name) addClass(block, name);
  }
  else block.pairs.push({ key, value: value.text, start: at, end: value.end, valueStart, valueEnd: value.end });
  return value.end;
}

interface ReadValue {
  text: string;
  end: number;
}

function readQuoted(text: string, at: number, limit: number, lineContent?: LineContent): ReadValue | null {
  const quote = text.charCodeAt(at);
  if (quote !== 34 && quote !== 39) return null;
  // `""` is empty; otherwise pandoc's `enclosed` wants no white space right after the opening quote.
  if (text.charCodeAt(at + 1) === quote) return { text: '', end: at + 2 };
  const first = text.charCodeAt(at + 1);
  if (first === 32 || first === 9 || first === 10 || first === 13 || first === 0xa0) return null;
  // Fast path: no escapes, entities or line breaks before the closing quote.
  for (let i = at + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === quote) return { text: text.slice(at + 1, i), end: i + 1 };
    if (c === BACKSLASH || c === 38 || c === 10 || c === 13 || c === 9) break;
  }
  let out = '';
  let i = at + 1;
  // Pandoc expands tabs to the next multiple of 4 columns before it parses: track the column for that.
  let column = -1;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === quote) return { text: out, end: i + 1 };
    if (c === 9) {
      if (column === -1) column = columnOf(text, i);
      const width = 4 - (column % 4);
      out += ' '.repeat(width);
      column += width;
      i++;
      continue;
    }
    if (column !== -1) column += isLineBreak(c) ? -column : 1;
    if (c === BACKSLASH && i + 1 < limit && isValueEscapable(text.charCodeAt(i + 1))) {
      out += text[i + 1];
      i += 2;
      if (column !== -1) column++;
    } else if (c === 38) {
      const entity = readEntity(text, i, limit);
      out += entity.text;
      if (column !== -1) column += entity.end - i - 1;
      i = entity.end;
    } else if (isLineBreak(c)) {
      // A line break inside quotes reads as a space, but a blank line ends the paragraph.
      let j = i + (c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1);
      if (lineContent) j = Math.min(limit, lineContent(j));
      let k = j;
      while (k < limit && isSpaceOrTab(text.charCodeAt(k))) k++;
      if (k >= limit || isLineBreak(text.charCodeAt(k))) return null;
      out += ' ';
      i = j;
    } else {
      out += text[i];
      i++;
    }
  }
  return null;
}

/** The column of offset `at` in its line, tabs expanded to multiples of 4 as pandoc does. */
function columnOf(text: string, at: number): number {
  let start = at;
  while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
  let column = 0;
  for (let i = start; i < at; i++) column = text.charCodeAt(i) === 9 ? column + 4 - (column % 4) : column + 1;
  return column;
}

function readUnquoted(text: string, at: number, limit: number): ReadValue {
  let i = at;
  let escaped = false;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && i + 1 < limit && isValueEscapable(text.charCodeAt(i + 1))) {
      escaped = true;
      i += 2;
      continue;
    }
    if (c === 125 || isSpaceOrTab(c) || isLineBreak(c)) break;
    i++;
  }
  if (!escaped) return { text: text.slice(at, i), end: i };
  let out = '';
  for (let j = at; j < i; j++) out += text.charCodeAt(j) === BACKSLASH && isValueEscapable(text.charCodeAt(j + 1)) ? text[++j] : text[j];
  return { text: out, end: i };
}

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/y;

function readEntity(text: string, at: number, limit: number): ReadValue {
  ENTITY.lastIndex = at;
  const match = ENTITY.exec(text);
  if (match && ENTITY.lastIndex <= limit) {
    const code = match[1] ? parseInt(match[1], 16) : match[2] ? parseInt(match[2], 10) : undefined;
    if (code !== undefined && code > 0 && code <= 0x10ffff) return { text: String.fromCodePoint(code), end: ENTITY.lastIndex };
    const named = match[3] && Object.hasOwn(NAMED_ENTITIES, match[3]) ? NAMED_ENTITIES[match[3]] : undefined;
    if (named) return { text: named, end: ENTITY.lastIndex };
  }
  return { text: '&', end: at + 1 };
}

/** Writes a value so that parseAttributes (and pandoc) read it back unchanged. */
export function formatValue(value: string): string {
  if (value !== '' && /^[^\s"'}\\&{]+$/.test(value)) return value;
  const quoted = value.replace(/[\\"&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`)).replace(/\r?\n/g, ' ');
  // Pandoc reads no quoted value that starts with white space: escape that first space.
  return `"${/^[ \t\u00a0]/.test(quoted) ? `\\${quoted}` : quoted}"`;
}
