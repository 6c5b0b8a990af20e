// Attribute lists read once per distinct text. A document repeats a handful of tag sets thousands of times
// (`{evidence=research use=transparent}`): reading each again, and deriving its tags again, was a third of
// the parse. Only a list on one line, with no tab, whose first `}` closes it and whose quotes all close inside
// it is remembered: its reading then depends on its characters alone (no container prefixes, no look past its
// end, no column), so the same text reads the same anywhere.
import { parseAttributes, type AttributeBlock, type AttributeReadNotes, type KeyValue, type LineContent } from './attributes';
import { NextOccurrence } from './opaque';
import { workCounter } from './work';

/** Longer lists are read every time: they are rarely repeated, and the search for `}` stays short. */
const MAX_REMEMBERED_LENGTH = 200;
/** Distinct lists remembered at once; past it (generated documents) the memory starts again. */
const MAX_REMEMBERED = 4096;

interface Remembered {
  /** The list's text, `{` to `}`. */
  source: string;
  /** The list as read at offset 0. */
  template: AttributeBlock;
  /** What the caller derived from it, once (see `derived`). */
  derived: unknown;
  hasDerived: boolean;
  /** Another list under the same key. */
  next: Remembered | undefined;
}

/**
 * Lists remembered across the documents parsed with one codebook (what is derived from a list depends on the
 * codebook): a workspace repeats the same few tag sets in every document. Its strings are copies, so it holds
 * on to no document's text.
 */
export class AttributeMemory {
  /** By the list's length and a few of its characters (checked against `source` in full on every hit). */
  readonly lists = new Map<number, Remembered>();
}

const memories = new WeakMap<object, AttributeMemory>();

/** The memory of lists for what derives passages from them (a codebook lookup). */
export function attributeMemoryFor(owner: object): AttributeMemory {
  let memory = memories.get(owner);
  if (!memory) memories.set(owner, (memory = new AttributeMemory()));
  return memory;
}

export class AttributeReader {
  private readonly remembered: Map<number, Remembered>;
  /** The list `read` returned last and its entry: the caller derives from it right after reading. */
  private lastBlock: AttributeBlock | null = null;
  private lastEntry: Remembered | undefined;
  /** What the last full reading noticed (an unclosed quote makes a list's reading depend on its place). */
  private readonly notes: AttributeReadNotes = { unclosedQuote: false };

  constructor(
    private readonly text: string,
    memory = new AttributeMemory(),
  ) {
    this.remembered = memory.lists;
    this.braces = new NextOccurrence(text, '}');
    this.lineFeeds = new NextOccurrence(text, '\n');
    this.carriageReturns = new NextOccurrence(text, '\r');
    this.tabs = new NextOccurrence(text, '\t');
  }

  /** parseAttributes(text, open, limit, lineContent), from memory when this list's text was read before. */
  read(open: number, limit: number, lineContent?: LineContent): AttributeBlock | null {
    const text = this.text;
    const close = this.closingBraceOnLine(open, Math.min(limit, open + MAX_REMEMBERED_LENGTH));
    if (close === -1) return this.forget(parseAttributes(text, open, limit, lineContent));
    // Found by its length and three of its characters, then compared in full: hashing every character (or
    // slicing a string to look up) cost more than reading the list again.
    const length = close + 1 - open;
    const key = (length << 20) | ((text.charCodeAt(open + 1) * 0x3f1 + text.charCodeAt(open + (length >> 1)) * 0x1f + text.charCodeAt(close - 1)) & 0xfffff);
    const first = this.remembered.get(key);
    for (let entry = first; entry; entry = entry.next) {
      if (entry.source.length === length && sameAt(text, open, entry.source)) {
        workCounter.visits += length;
        return this.remember(shifted(entry.template, open), entry);
      }
    }
    const block = parseAttributes(text, open, limit, lineContent, this.notes);
    if (!block || block.end !== close + 1 || this.notes.unclosedQuote) return this.forget(block);
    // Starting again drops the chains too (a new entry must not hold on to the old one under its key).
    const full = this.remembered.size >= MAX_REMEMBERED;
    if (full) this.remembered.clear();
    const entry: Remembered = { source: copied(text.slice(open, close + 1)), template: shifted(block, -open, copied), derived: undefined, hasDerived: false, next: full ? undefined : first };
    this.remembered.set(key, entry);
    // The template's strings, not the block's: what is derived from it may be kept, and must not keep the text.
    return this.remember(shifted(entry.template, open), entry);
  }

  /** The next `}`, line break and tab, each found once by a native search while reading moves forward. */
  private readonly braces: NextOccurrence;
  private readonly lineFeeds: NextOccurrence;
  private readonly carriageReturns: NextOccurrence;
  private readonly tabs: NextOccurrence;

  /**
   * The first `}` after `open` before `limit` with no line break or tab before it, or -1. (A tab in a quoted
   * value reads as spaces up to the next multiple of 4 columns: it depends on where the list stands.)
   */
  private closingBraceOnLine(open: number, limit: number): number {
    const close = this.braces.from(open + 1, limit);
    if (close === -1 || close >= limit) return -1;
    return foundBefore(this.lineFeeds, open + 1, close) || foundBefore(this.carriageReturns, open + 1, close) || foundBefore(this.tabs, open + 1, close) ? -1 : close;
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

function foundBefore(next: NextOccurrence, from: number, end: number): boolean {
  const at = next.from(from, end);
  return at !== -1 && at < end;
}

/** Whether `text` holds `source` at `at` (String.prototype.startsWith with a position was 3 times slower). */
function sameAt(text: string, at: number, source: string): boolean {
  for (let i = 0; i < source.length; i++) if (text.charCodeAt(at + i) !== source.charCodeAt(i)) return false;
  return true;
}

/**
 * A copy of a string that shares no memory with the text it was sliced from (V8 keeps a slice's whole
 * source alive).
 */
function copied(value: string): string {
  return JSON.parse(JSON.stringify(value)) as string;
}

const same = (value: string) => value;

/** The list moved by `delta` characters (ids, classes, keys and values shared unless `copy` says otherwise). */
function shifted(block: AttributeBlock, delta: number, copy = same): AttributeBlock {
  const pairs: KeyValue[] = [];
  for (const pair of block.pairs) {
    pairs.push({ key: copy(pair.key), value: copy(pair.value), start: pair.start + delta, end: pair.end + delta, valueStart: pair.valueStart + delta, valueEnd: pair.valueEnd + delta });
  }
  const classes = block.classes.length ? block.classes.map(copy) : block.classes;
  return { id: copy(block.id), classes, pairs, start: block.start + delta, end: block.end + delta };
}
