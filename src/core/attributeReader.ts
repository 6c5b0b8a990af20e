// Attribute lists read once per distinct text. A document repeats a handful of tag sets thousands of times
// (`{evidence=research use=transparent}`): reading each again, and deriving its tags again, was a third of
// the parse. Only a list on one line, with no tab, whose first `}` closes it and whose quotes all close inside
// it is remembered: its reading then depends on its characters alone (no container prefixes, no look past its
// end, no column), so the same text reads the same anywhere.
import { lastAttributeRead, parseAttributes, type AttributeBlock, type KeyValue, type LineContent } from './attributes';
import { workCounter } from './work';

/** Longer lists are read every time: they are rarely repeated, and the search for `}` stays short. */
const MAX_REMEMBERED_LENGTH = 200;
/** Distinct lists remembered per text; beyond it (a generated document) lists are simply read again. */
const MAX_REMEMBERED = 512;

interface Remembered {
  /** The list's text, `{` to `}`. */
  source: string;
  /** The list as read at offset 0. */
  template: AttributeBlock;
  /** What the caller derived from it, once (see `derived`). */
  derived: unknown;
  hasDerived: boolean;
}

export class AttributeReader {
  private readonly remembered = new Map<number, Remembered>();
  /** The list `read` returned last and its entry: the caller derives from it right after reading. */
  private lastBlock: AttributeBlock | null = null;
  private lastEntry: Remembered | undefined;

  constructor(private readonly text: string) {}

  /** parseAttributes(text, open, limit, lineContent), from memory when this list's text was read before. */
  read(open: number, limit: number, lineContent?: LineContent): AttributeBlock | null {
    const text = this.text;
    const close = this.closingBraceOnLine(open, Math.min(limit, open + MAX_REMEMBERED_LENGTH));
    if (close === -1) return this.forget(parseAttributes(text, open, limit, lineContent));
    // Looked up by a hash of its characters, then compared: slicing and hashing a string per list cost more.
    const hash = this.hash;
    let entry = this.remembered.get(hash);
    if (entry && entry.source.length === close + 1 - open && text.startsWith(entry.source, open)) {
      workCounter.visits += entry.source.length;
      return this.remember(shifted(entry.template, open), entry);
    }
    const block = parseAttributes(text, open, limit, lineContent);
    if (entry || !block || block.end !== close + 1 || lastAttributeRead.unclosedQuote || this.remembered.size >= MAX_REMEMBERED) return this.forget(block);
    entry = { source: text.slice(open, close + 1), template: shifted(block, -open), derived: undefined, hasDerived: false };
    this.remembered.set(hash, entry);
    return this.remember(block, entry);
  }

  /** Hash of the characters the last closingBraceOnLine passed. */
  private hash = 0;

  /**
   * The first `}` after `open` before `limit` with no line break or tab before it, or -1. (A tab in a quoted
   * value reads as spaces up to the next multiple of 4 columns: it depends on where the list stands.)
   */
  private closingBraceOnLine(open: number, limit: number): number {
    const text = this.text;
    let hash = 0;
    for (let i = open + 1; i < limit; i++) {
      const c = text.charCodeAt(i);
      if (c === 125) {
        this.hash = hash;
        return i;
      }
      if (c === 10 || c === 13 || c === 9) return -1;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    return -1;
  }

  /**
   * `derive(block)` for a list `read` just returned, worked out once per distinct list when `shareable` says
   * the value holds wherever the list stands (it must then be treated as read-only: passages share it).
   */
  derived<T>(block: AttributeBlock, derive: (block: AttributeBlock) => T, shareable: (value: T) => boolean): T {
    const entry = block === this.lastBlock ? this.lastEntry : undefined;
    if (entry?.hasDerived) return entry.derived as T;
    const value = derive(block);
    if (entry && shareable(value)) {
      entry.derived = value;
      entry.hasDerived = true;
    }
    return value;
  }

  private remember(block: AttributeBlock, entry: Remembered): AttributeBlock {
    this.lastBlock = block;
    this.lastEntry = entry;
    return block;
  }

  private forget(block: AttributeBlock | null): AttributeBlock | null {
    this.lastBlock = null;
    this.lastEntry = undefined;
    return block;
  }
}

/** The list moved by `delta` characters (ids, classes, keys and values shared: strings never change). */
function shifted(block: AttributeBlock, delta: number): AttributeBlock {
  const pairs: KeyValue[] = [];
  for (const pair of block.pairs) {
    pairs.push({ key: pair.key, value: pair.value, start: pair.start + delta, end: pair.end + delta, valueStart: pair.valueStart + delta, valueEnd: pair.valueEnd + delta });
  }
  const classes = block.classes.length ? block.classes.slice() : block.classes;
  return { id: block.id, classes, pairs, start: block.start + delta, end: block.end + delta };
}
